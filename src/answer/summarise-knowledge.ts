import type { KnowledgeBase, KnowledgeCounts } from "../knowledge/types.ts";

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

/** Topics are fact subjects by number of facts; examples pair a subject with a short attribute. */
// Help, "did you mean" and fact listings all ask for it: work it out once per knowledge base.
const summaries = new WeakMap<KnowledgeBase, KnowledgeSummary>();

export function summariseKnowledge(kb: KnowledgeBase): KnowledgeSummary {
  const known = summaries.get(kb);
  if (known) return known;
  const summary = summarise(kb);
  summaries.set(kb, summary);
  return summary;
}

function summarise(kb: KnowledgeBase): KnowledgeSummary {
  const bySubject = new Map<string, number>();
  for (const fact of kb.facts) bySubject.set(fact.subject, (bySubject.get(fact.subject) ?? 0) + 1);
  const topics = [...bySubject.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([subject]) => subject);
  const examples: string[] = [];
  for (const subject of topics) {
    const fact = kb.facts.find(
      (f) => f.subject === subject && f.attribute.trim().split(/\s+/).length <= 2,
    );
    if (fact) examples.push(`${fact.attribute} of ${fact.subject}?`);
    if (examples.length === SUMMARY_LIMITS.examples) break;
  }
  return {
    counts: countKnowledge(kb),
    articles: kb.articles.slice(0, SUMMARY_LIMITS.articles).map((a) => a.title),
    topics: topics.slice(0, SUMMARY_LIMITS.topics),
    examples,
  };
}

export function countKnowledge(kb: KnowledgeBase): KnowledgeCounts {
  return {
    articles: kb.articles.length,
    passages: kb.passages.length,
    facts: kb.facts.length,
    aliases: kb.aliases.length,
  };
}
