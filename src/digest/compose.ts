import { formatFactValue } from "../answer/fact-value.ts";
import type { Citation } from "../answer/types.ts";
import type { Article, Fact, FactConflict, KnowledgeBase } from "../knowledge/types.ts";
import type { DigestQuestions } from "../questions/types.ts";
import { dayNumber } from "./schedule.ts";
import type { Digest, DigestFact, DigestSnapshot } from "./types.ts";

export interface DigestComposeOptions {
  /** How many key facts a digest shows. */
  keyFacts: number;
}

/** Three key facts a day keep the post short. */
export const DEFAULT_DIGEST_COMPOSE: Readonly<DigestComposeOptions> = { keyFacts: 3 };

export interface ComposeInput {
  kb: KnowledgeBase;
  /** The snapshot stored with the channel's last digest; undefined for its first. */
  since: DigestSnapshot | undefined;
  /**
   * What the team asked since the channel's last digest, as that channel may see it
   * (`QuestionLog.summarise`).
   */
  questions: DigestQuestions;
  /** Local date of the digest, `YYYY-MM-DD`: it picks the day's key facts. */
  date: string;
  options?: Partial<DigestComposeOptions>;
}

/** Builds a channel's digest for a day. Pure: the same input gives the same digest. */
export function composeDigest(input: ComposeInput): Digest {
  const { kb, since, date } = input;
  const options = { ...DEFAULT_DIGEST_COMPOSE, ...input.options };
  const cite = citer(kb.articles);
  const knownFacts = new Set(since?.factIds ?? []);
  const knownConflicts = new Set(since?.conflictKeys ?? []);
  const curated = kb.facts.filter((f) => f.origin === "curated");
  return {
    date,
    first: since === undefined,
    articles: changedArticles(kb.articles, since).map((a) => ({
      id: a.article.id,
      title: a.article.title,
      lead: a.article.lead,
      status: a.status,
      citation: cite(a.article.id, 1),
    })),
    // A first digest shows the whole base through its articles and key facts, not every fact.
    newFacts:
      since === undefined
        ? []
        : curated.filter((f) => !knownFacts.has(f.id)).map((f) => digestFact(f, cite)),
    newConflicts: kb.conflicts
      .filter((c) => !knownConflicts.has(conflictKey(c)))
      .map((c) => ({
        subject: c.subject,
        attribute: c.attribute,
        values: c.facts.map((f) => digestFact(f, cite)),
      })),
    // Extracted facts are many and roughly labelled: key facts come from curated ones when the
    // knowledge has any.
    keyFacts: selectKeyFacts(curated.length > 0 ? curated : kb.facts, date, options.keyFacts).map(
      (f) => digestFact(f, cite),
    ),
    questions: input.questions,
    totals: { articles: kb.articles.length, facts: kb.facts.length },
  };
}

/** What to store after posting, for the next digest to compare against. */
export function snapshotOf(kb: KnowledgeBase): DigestSnapshot {
  return {
    articleHashes: Object.fromEntries(kb.articles.map((a) => [a.id, a.hash])),
    factIds: kb.facts.map((f) => f.id),
    conflictKeys: kb.conflicts.map(conflictKey),
  };
}

/** A conflict is the same while the same facts disagree. */
export function conflictKey(conflict: FactConflict): string {
  return conflict.facts
    .map((f) => f.id)
    .sort(compareText)
    .join("|");
}

function changedArticles(
  articles: readonly Article[],
  since: DigestSnapshot | undefined,
): { article: Article; status: "new" | "changed" }[] {
  const out: { article: Article; status: "new" | "changed" }[] = [];
  for (const article of articles) {
    const before = since?.articleHashes[article.id];
    if (before === undefined) out.push({ article, status: "new" });
    else if (before !== article.hash) out.push({ article, status: "changed" });
  }
  return out;
}

type Cite = (articleId: string, paragraph: number) => Citation;

function citer(articles: readonly Article[]): Cite {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return (articleId, paragraph) => {
    const article = byId.get(articleId);
    return {
      docId: `${articleId}#${paragraph}`,
      title: article?.title ?? articleId,
      paragraph,
      ...(article?.url === undefined ? {} : { url: article.url }),
      // Publisher and date, as an answer's citation has them: a digest's new articles name both.
      ...(article?.source === undefined ? {} : { source: article.source }),
      ...(article?.published === undefined ? {} : { published: article.published }),
    };
  };
}

function digestFact(fact: Fact, cite: Cite): DigestFact {
  return {
    id: fact.id,
    subject: fact.subject,
    attribute: fact.attribute,
    value: formatFactValue(fact),
    ...(fact.asOf === undefined ? {} : { asOf: fact.asOf }),
    citation: cite(fact.article, fact.paragraph),
  };
}

/** FNV-1a: a fixed, well-spread order of fact ids that does not depend on file order. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The day's key facts: a window of `count` facts over a fixed shuffled order, moved on by
 * `count` each day. Consecutive days show consecutive windows, so ⌈facts / count⌉ days show
 * every fact, and a date always shows the same facts for the same knowledge base.
 */
export function selectKeyFacts(facts: readonly Fact[], date: string, count: number): Fact[] {
  const order = [...facts].sort((a, b) => hashId(a.id) - hashId(b.id) || compareText(a.id, b.id));
  const size = Math.min(count, order.length);
  if (size === 0) return [];
  const start = (((dayNumber(date) * size) % order.length) + order.length) % order.length;
  return Array.from({ length: size }, (_, i) => order[(start + i) % order.length] as Fact);
}

// Code-unit order, not the locale's: a digest must render the same on every machine.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
