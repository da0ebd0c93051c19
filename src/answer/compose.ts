import type { Fact, FactConflict, KnowledgeBase, Passage } from "../knowledge/types.ts";
import { factDocumentId } from "../search/documents.ts";
import type { SearchHit, SearchOutcome, SearchQueryOptions } from "../search/query.ts";
import type { Retriever } from "../search/retriever.ts";
import { expectedAnswerType, valueHasType } from "./answer-type.ts";
import { citePassage } from "./citation.ts";
import { conflictsByFact, contradictedFacts } from "./conflict-lookups.ts";
import { formatFactValue } from "./fact-value.ts";
import { makeSnippet } from "./snippet.ts";
import { suggestFor } from "./suggest.ts";
import type { Answer, AnswerConflict, AnswerResult } from "./types.ts";

export interface ComposeOptions {
  /**
   * Where the page starts among the ranked passages: 0 for the first page, then the previous
   * page's `nextOffset`. A later page passes over the passages the first page's facts quote, so
   * no page repeats what its asker has read. Facts come on the first page only.
   */
  offset: number;
  /** Passages after the facts. */
  limit: number;
  /** Facts at most, before the passages. */
  maxFacts: number;
  /** Of which extracted facts at most. */
  maxExtractedFacts: number;
  /** A fact is shown only when it scores at least this share of the best hit's score. */
  factMinRelativeScore: number;
  search: Partial<SearchQueryOptions>;
}

export const DEFAULT_COMPOSE_OPTIONS: ComposeOptions = {
  offset: 0,
  limit: 3,
  maxFacts: 3,
  maxExtractedFacts: 2,
  factMinRelativeScore: 0.5,
  search: {},
};

/**
 * Answers a question from the index: matching facts first (value and citation), then the best
 * passages, each with a verbatim snippet; or an honest "nothing" with suggestions.
 */
export function composeAnswer(
  retriever: Retriever,
  question: string,
  options: Partial<ComposeOptions> = {},
): Answer {
  const opts = { ...DEFAULT_COMPOSE_OPTIONS, ...options };
  const firstWanted = Math.max(opts.limit, opts.maxFacts);
  const first = retriever.search(question, { wanted: firstWanted, ...opts.search });
  if (first.confidence === "none") {
    return {
      ...commonOf(first),
      results: [],
      missed: first.unmatched.map((c) => c.asked.join(" ")),
      corrections: [],
      suggestions: suggestFor(retriever, first),
      hasMore: false,
      nextOffset: 0,
      conflicts: [],
    };
  }
  const lookup = retriever;
  // The first page's facts, found as the first page found them: later pages leave out the
  // passages they quote, which their asker has already read.
  const facts = chooseFacts(first, question, lookup, opts);
  const quoted = new Set(facts.map((h) => quotedPassageId(h, lookup)));
  const outcome =
    opts.offset === 0
      ? first
      : retriever.search(question, {
          // Enough to fill the page past the quoted passages, and to see one beyond it.
          wanted: opts.offset + opts.limit + quoted.size + 1,
          ...opts.search,
        });
  const passages = outcome.hits.filter((h) => h.kind === "passage");
  const { page, next } = pageOf(passages, quoted, opts);
  const results = [
    ...(opts.offset === 0 ? facts.map((h) => factResult(h, lookup)) : []),
    ...page.map((h) => passageResult(h, lookup)),
  ].filter((r): r is AnswerResult => r !== undefined);
  return {
    ...commonOf(outcome),
    results,
    missed: outcome.confidence === "direct" ? [] : outcome.missed.map((c) => c.asked.join(" ")),
    corrections: outcome.corrections,
    suggestions: [],
    hasMore: hasUnshown(outcome, passages, quoted, next, () =>
      retriever.search(question, { wanted: outcome.passageMatches, ...opts.search }),
    ),
    nextOffset: next,
    conflicts: opts.offset === 0 ? conflictsOf(facts, retriever.knowledge, lookup) : [],
  };
}

/**
 * The passages of the page at `offset` in the ranked `passages`, and where the next starts.
 * The first page keeps its passages as they rank (one that a fact quotes is shown with the
 * fact); a later page passes over those the facts quote.
 */
function pageOf(
  passages: readonly SearchHit[],
  quoted: ReadonlySet<string>,
  opts: Pick<ComposeOptions, "offset" | "limit">,
): { page: SearchHit[]; next: number } {
  if (opts.offset === 0) {
    const page = passages.slice(0, opts.limit);
    return { page, next: page.length };
  }
  const page: SearchHit[] = [];
  let at = opts.offset;
  for (; at < passages.length && page.length < opts.limit; at++) {
    const hit = passages[at] as SearchHit;
    if (!quoted.has(hit.id)) page.push(hit);
  }
  return { page, next: at };
}

function commonOf(outcome: SearchOutcome) {
  return {
    query: outcome.read,
    confidence: outcome.confidence,
    terms: outcome.concepts.map((c) => c.asked.join(" ")),
    truncated: outcome.truncated,
  };
}

/**
 * Whether a matching passage that no shown fact quotes ranks at `next` or after. Only matches
 * beyond the hits can leave that open (are they all quoted?), and then `searchAll` settles it.
 */
function hasUnshown(
  outcome: SearchOutcome,
  passages: readonly SearchHit[],
  quoted: ReadonlySet<string>,
  next: number,
  searchAll: () => SearchOutcome,
): boolean {
  if (passages.slice(next).some((h) => !quoted.has(h.id))) return true;
  const beyond = outcome.passageMatches - passages.length;
  if (beyond <= 0) return false;
  const quotedBeyond = [...quoted].filter((id) => !passages.some((h) => h.id === id)).length;
  if (beyond > quotedBeyond) return true;
  const all = searchAll().hits.filter((h) => h.kind === "passage");
  return all.slice(next).some((h) => !quoted.has(h.id));
}

function quotedPassageId(hit: SearchHit, lookup: Lookup): string {
  const fact = lookup.fact(hit.id);
  return fact === undefined ? "" : `${fact.article}#${fact.paragraph}`;
}

/**
 * The facts worth showing before the passages: those that match as much of the question as the
 * best passage and score near the best hit, and those quoted from the best passage (a fact
 * says in a value what its paragraph says in prose). A fact whose value is of the kind asked
 * ("When…": a year) comes first. Extracted facts are many and their labels rough: one shows
 * only when its value is of the kind asked, or, for a question that asks no kind, when it
 * matches as well as a curated fact must; and a few at most, so passages keep their place.
 */
function chooseFacts(
  outcome: SearchOutcome,
  question: string,
  lookup: Lookup & Pick<Retriever, "knowledge">,
  opts: ComposeOptions,
): SearchHit[] {
  const contradicted = contradictedFacts(lookup.knowledge.conflicts);
  const top = outcome.hits[0]?.score ?? 0;
  const topPassage = outcome.hits.find((h) => h.kind === "passage");
  const bestCoverage = Math.max(0, ...outcome.hits.map((h) => h.coverage));
  const type = expectedAnswerType(question);
  let extractedShown = 0;
  return outcome.hits
    .flatMap((hit, rank) => {
      const fact = hit.kind === "fact" ? lookup.fact(hit.id) : undefined;
      if (fact === undefined) return [];
      // An extracted value a curated fact contradicts is shown only under "Sources differ".
      if (fact.origin === "extracted" && contradicted.has(fact.id)) return [];
      const strong = hit.coverage >= bestCoverage && hit.score >= opts.factMinRelativeScore * top;
      const fromTop = `${fact.article}#${fact.paragraph}` === topPassage?.id;
      const typed = type !== undefined && valueHasType(formatFactValue(fact), type);
      const shown =
        fact.origin === "curated"
          ? strong || fromTop
          : type === undefined
            ? strong
            : typed && (strong || fromTop);
      return shown
        ? [{ hit, fact, rank, typed: typed ? 1 : 0, extracted: fact.origin === "extracted" }]
        : [];
    })
    .filter(({ fact }, _, all) => !outnamed(fact, all, question, lookup))
    .sort((a, b) => b.typed - a.typed || a.rank - b.rank)
    .filter(({ extracted }) => !extracted || extractedShown++ < opts.maxExtractedFacts)
    .slice(0, opts.maxFacts)
    .map(({ hit }) => hit);
}

/**
 * Whether an extracted fact gives way to another from the same sentence whose subject the
 * question names while its own is not: "How many berths does Chabahar have?" gets Chabahar's
 * 10, not the 5 of Gwadar written beside it.
 */
function outnamed(
  fact: Fact,
  others: readonly { fact: Fact }[],
  question: string,
  lookup: Lookup,
): boolean {
  if (fact.origin !== "extracted") return false;
  const asked = question.toLowerCase();
  const named = (f: Fact) => asked.includes(f.subject.toLowerCase());
  if (named(fact)) return false;
  const text = lookup.passage(`${fact.article}#${fact.paragraph}`)?.text ?? "";
  return others.some((o) => named(o.fact) && sameSentence(text, fact, o.fact));
}

/** Whether two facts of a passage quote one sentence: no sentence end between their quotes. */
function sameSentence(text: string, a: Fact, b: Fact): boolean {
  if (a.article !== b.article || a.paragraph !== b.paragraph) return false;
  const [first, second] = [a, b]
    .map((f) => ({ at: text.indexOf(f.quote), quote: f.quote }))
    .sort((x, y) => x.at - y.at);
  if (first === undefined || second === undefined || first.at < 0) return false;
  return !/[.!?]\s/.test(text.slice(first.at + first.quote.length - 1, second.at));
}

/** The disagreements that the shown facts take part in, each value as a cited fact result. */
function conflictsOf(
  shown: readonly SearchHit[],
  kb: KnowledgeBase,
  lookup: Lookup,
): AnswerConflict[] {
  const byFact = conflictsByFact(kb.conflicts);
  const seen = new Set<FactConflict>();
  const out: AnswerConflict[] = [];
  for (const hit of shown) {
    const conflict = byFact.get(lookup.fact(hit.id)?.id ?? "");
    if (conflict === undefined || seen.has(conflict)) continue;
    seen.add(conflict);
    const results = conflictValues(conflict, lookup).map((r) => ({
      ...r,
      marks: [...r.marks],
      score: hit.score,
    }));
    out.push({ subject: conflict.subject, attribute: conflict.attribute, results });
  }
  return out;
}

/** The last disagreements shown, per lookup (one per index): a new index starts afresh. */
const conflictValuesByLookup = new WeakMap<Lookup, Map<FactConflict, readonly AnswerResult[]>>();
const MAX_CONFLICTS_REMEMBERED = 16;

/**
 * A disagreement's values as fact results (score 0: the shown fact's score is the caller's).
 * They do not depend on the question, and a disagreement among extracted facts holds dozens,
 * each cited with a snippet: the same ones come back for every question about its subject.
 */
function conflictValues(conflict: FactConflict, lookup: Lookup): readonly AnswerResult[] {
  let remembered = conflictValuesByLookup.get(lookup);
  if (remembered === undefined) {
    remembered = new Map();
    conflictValuesByLookup.set(lookup, remembered);
  }
  let values = remembered.get(conflict);
  if (values === undefined) {
    values = conflict.facts
      .map((f) => factResult({ id: factDocumentId(f), matchedTerms: [], score: 0 }, lookup))
      .filter((r): r is AnswerResult => r !== undefined);
    if (remembered.size >= MAX_CONFLICTS_REMEMBERED)
      remembered.delete(remembered.keys().next().value as FactConflict);
    remembered.set(conflict, values);
  }
  return values;
}

type Lookup = Pick<Retriever, "passage" | "article" | "fact" | "quoteRange">;

function cite(passage: Passage, lookup: Lookup): AnswerResult["citation"] | undefined {
  const article = lookup.article(passage.articleId);
  return article && citePassage(passage, article);
}

function passageResult(hit: SearchHit, lookup: Lookup): AnswerResult | undefined {
  const passage = lookup.passage(hit.id);
  const citation = passage && cite(passage, lookup);
  if (!passage || !citation) return undefined;
  const snippet = makeSnippet(passage.text, new Set(hit.matchedTerms));
  return {
    kind: "passage",
    snippet: snippet.text,
    marks: snippet.marks,
    passage: passage.text,
    citation,
    score: hit.score,
  };
}

function factResult(
  hit: Pick<SearchHit, "id" | "matchedTerms" | "score">,
  lookup: Lookup,
): AnswerResult | undefined {
  const fact = lookup.fact(hit.id);
  const passage = fact && lookup.passage(`${fact.article}#${fact.paragraph}`);
  const citation = passage && cite(passage, lookup);
  if (!fact || !passage || !citation) return undefined;
  const snippet = makeSnippet(passage.text, new Set(hit.matchedTerms), lookup.quoteRange(hit.id));
  return {
    kind: "fact",
    snippet: snippet.text,
    marks: snippet.marks,
    passage: passage.text,
    citation,
    value: formatFactValue(fact),
    fact: {
      id: fact.id,
      origin: fact.origin,
      subject: fact.subject,
      attribute: fact.attribute,
      value: fact.value,
      ...(fact.unit === undefined ? {} : { unit: fact.unit }),
      ...(fact.asOf === undefined ? {} : { asOf: fact.asOf }),
    },
    score: hit.score,
  };
}
