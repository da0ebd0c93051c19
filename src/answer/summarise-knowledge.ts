import type { KnowledgeBase, KnowledgeCounts } from "../knowledge/types.ts";
import type { KnowledgeDelta } from "../knowledge/update-knowledge.ts";
import { runSteps, type Steps } from "../util/cooperative.ts";
import {
  changeTallies,
  type SubjectTallies,
  type SubjectTally,
  tallySubjectsSteps,
} from "./subject-tallies.ts";

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
/** What the summary was worked out from: what the next knowledge's starts from. */
const talliesOf = new WeakMap<KnowledgeBase, SubjectTallies>();

/** Topics are fact subjects by number of facts; examples pair a subject with a short attribute. */
export function summariseKnowledge(kb: KnowledgeBase): KnowledgeSummary {
  return summaries.get(kb) ?? runSteps(summariseKnowledgeSteps(kb));
}

/**
 * The summary a few thousand facts a step, unless a question worked it out already: before a
 * new knowledge base serves, so that no answer waits for it. With the `delta` that made it, from
 * the tallies of the knowledge it was made from where they are known.
 */
export function* summariseKnowledgeSteps(
  kb: KnowledgeBase,
  delta?: KnowledgeDelta,
): Steps<KnowledgeSummary> {
  const known = summaries.get(kb);
  if (known) return known;
  const before = delta && delta.after === kb ? talliesOf.get(delta.before) : undefined;
  const tallies =
    (before && delta && changeTallies(before, delta)) ?? (yield* tallySubjectsSteps(kb));
  const summary = summaries.get(kb) ?? summarise(kb, tallies);
  summaries.set(kb, summary);
  talliesOf.set(kb, tallies);
  return summary;
}

function summarise(kb: KnowledgeBase, tallies: SubjectTallies): KnowledgeSummary {
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

/**
 * Subjects with the most facts first, ties by name. Only as far as asked: at 100,000 passages
 * there are 7,205 subjects, most with a fact or two, and sorting them all by name took a first
 * "did you mean" 20 ms for the handful it shows.
 */
function* subjectsByFacts(tallies: SubjectTallies): Generator<SubjectTally> {
  const byCount = new Map<number, SubjectTally[]>();
  for (const tally of tallies.values()) {
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
