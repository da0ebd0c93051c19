import type { KnowledgeBase } from "../knowledge/types.ts";

/** The topics the knowledge base covers best: its most used fact tags, then article titles. */
export function coveredTopics(kb: KnowledgeBase, max = 12): string[] {
  const counts = new Map<string, number>();
  for (const fact of kb.facts) {
    for (const tag of fact.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  const tags = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
  return [...tags, ...kb.articles.map((a) => a.title)].slice(0, max);
}
