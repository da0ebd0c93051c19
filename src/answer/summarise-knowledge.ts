import type { Fact, KnowledgeBase, KnowledgeCounts } from "../knowledge/types.ts";
import { runSteps, type Steps } from "../util/cooperative.ts";

/** What help says about the knowledge base, derived from it so it never goes stale. */
export interface KnowledgeSummary {
  counts: KnowledgeCounts;
  articles: string[];
  /** Fact subjects, those with the most facts first. */
  topics: string[];
  /** Questions the knowledge base is sure to answer. */
  examples: string[];
}

export const SUMMARY_LIMITS = { articles: 5, topics: 15, examples: 3 } as const;

// Help, "did you mean" and fact listings all ask for it: work it out once per knowledge base
// (see `summariseKnowledgeSteps` for when).
const summaries = new WeakMap<KnowledgeBase, KnowledgeSummary>();

/** Topics are fact subjects by number of facts; examples pair a subject with a short attribute. */
export function summariseKnowledge(kb: KnowledgeBase): KnowledgeSummary {
  return summaries.get(kb) ?? runSteps(summariseKnowledgeSteps(kb));
}

/**
 * The summary a few thousand facts a step, unless a question worked it out already: before a
 * new knowledge base serves, so that no answer waits for it (at 100,000 passages it takes
 * 20-30 ms, after every article added).
 */
export function* summariseKnowledgeSteps(kb: KnowledgeBase): Steps<KnowledgeSummary> {
  const known = summaries.get(kb);
  if (known) return known;
  const tallies = yield* tallySubjectsSteps(kb);
  const summary = summaries.get(kb) ?? summarise(kb, tallies);
  summaries.set(kb, summary);
  return summary;
}

function summarise(kb: KnowledgeBase, tallies: SubjectTally[]): KnowledgeSummary {
  const topics: string[] = [];
  const examples: string[] = [];
  for (const { subject, example } of subjectsByFacts(tallies)) {
    if (topics.length < SUMMARY_LIMITS.topics) topics.push(subject);
    if (example && examples.length < SUMMARY_LIMITS.examples) {
      examples.push(`${example.attribute} of ${subject}?`);
    }
    if (topics.length === SUMMARY_LIMITS.topics && examples.length === SUMMARY_LIMITS.examples) {
      break;
    }
  }
  return {
    counts: countKnowledge(kb),
    articles: kb.articles.slice(0, SUMMARY_LIMITS.articles).map((a) => a.title),
    topics,
    examples,
  };
}

interface SubjectTally {
  subject: string;
  facts: number;
  /** The subject's first fact with a short attribute: what an example question asks. */
  example: Fact | undefined;
}

/** Facts tallied between two possible yields. */
const STEP_FACTS = 5_000;

function* tallySubjectsSteps(kb: KnowledgeBase): Steps<SubjectTally[]> {
  const bySubject = new Map<string, SubjectTally>();
  let n = 0;
  for (const fact of kb.facts) {
    if (++n % STEP_FACTS === 0) yield;
    let tally = bySubject.get(fact.subject);
    if (tally === undefined) {
      tally = { subject: fact.subject, facts: 0, example: undefined };
      bySubject.set(fact.subject, tally);
    }
    tally.facts++;
    if (tally.example === undefined && fact.attribute.trim().split(/\s+/).length <= 2) {
      tally.example = fact;
    }
  }
  return [...bySubject.values()];
}

/**
 * Subjects with the most facts first, ties by name. Only as far as asked: at 100,000 passages
 * there are tens of thousands of subjects, most with one fact, and sorting them all by name
 * took a first "did you mean" 60 ms for the handful it shows.
 */
function* subjectsByFacts(tallies: SubjectTally[]): Generator<SubjectTally> {
  const byCount = new Map<number, SubjectTally[]>();
  for (const tally of tallies) {
    const same = byCount.get(tally.facts);
    if (same) same.push(tally);
    else byCount.set(tally.facts, [tally]);
  }
  for (const count of [...byCount.keys()].sort((a, b) => b - a)) {
    yield* (byCount.get(count) ?? []).sort((a, b) => a.subject.localeCompare(b.subject));
  }
}

export function countKnowledge(kb: KnowledgeBase): KnowledgeCounts {
  return {
    articles: kb.articles.length,
    passages: kb.passages.length,
    facts: kb.facts.length,
    aliases: kb.aliases.length,
  };
}
