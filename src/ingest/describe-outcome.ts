import { DAY_MS } from "../util/time.ts";
import type { AddedArticleSummary, AddOutcome } from "./add-types.ts";

export const REMOVED_BEFORE =
  "That article was removed from the knowledge by an editor, so it is not added again";

/**
 * What a person is told about an add, as plain text (each front end escapes it for its medium):
 * what was added, or the one reason it was not.
 */
export function describeAddOutcome(outcome: AddOutcome, now: Date): string {
  switch (outcome.kind) {
    case "added": {
      const a = outcome.article;
      return `Added “${a.title}” (${describeSource(a)}): ${plural(a.paragraphs, "paragraph")}, ${plural(a.facts, "fact")} extracted. Its id is ${a.id}.`;
    }
    case "duplicate": {
      const { of } = outcome;
      const already = `Already in the knowledge as “${of.title}” (${describeSource(of)}, added ${describeAge(of.addedAt, now)})`;
      return outcome.alsoPublishedBy === undefined
        ? already
        : `${already}: the same story, now noted as also published by ${outcome.alsoPublishedBy}`;
    }
    case "removed-before":
      return REMOVED_BEFORE;
    case "refused":
      return outcome.reason;
  }
}

/** "Dawn, 2026-12-01": the publisher and, when known, the published date. */
export function describeSource(article: Pick<AddedArticleSummary, "publisher" | "published">) {
  return article.published === undefined
    ? article.publisher
    : `${article.publisher}, ${article.published}`;
}

/** "today", "yesterday", "3 days ago". */
export function describeAge(iso: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
  if (!Number.isFinite(days) || days <= 0) return "today";
  return days === 1 ? "yesterday" : `${days} days ago`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
