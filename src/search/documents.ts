import type { Fact, KnowledgeBase, Passage } from "../knowledge/types.ts";
import { extractTerms } from "./terms.ts";

/**
 * What the index stores for a passage or a fact. Fields hold terms already run through the
 * pipeline (space-joined), so each text is tokenized once: for the index, for document
 * frequencies and for suggestion surface forms alike.
 */
export interface IndexedDocument {
  id: string;
  text: string;
  title: string;
  subject: string;
  attribute: string;
  tags: string;
}

export const FACT_ID_PREFIX = "fact:";

export function factDocumentId(fact: Fact): string {
  return `${FACT_ID_PREFIX}${fact.id}`;
}

export function isFactDocumentId(id: string): boolean {
  return id.startsWith(FACT_ID_PREFIX);
}

/**
 * Document ids by short id, as the index numbers them: facts first, then passages, in
 * knowledge order (see `documentChunks`). A persisted index is read against the same list.
 */
export function documentIdsOf(kb: KnowledgeBase): string[] {
  return [...kb.facts.map(factDocumentId), ...kb.passages.map((p) => p.id)];
}

/** Collects, while documents are prepared, what the query planner needs about the vocabulary. */
export class VocabularyCounter {
  /** In how many passages each term occurs. */
  readonly documentFrequency = new Map<string, number>();
  /** The first spelling seen for each term, for "did you mean" suggestions. */
  readonly surfaceForms = new Map<string, string>();
  /** Every folded word seen and its term: typos are corrected to words, then stemmed. */
  readonly words = new Map<string, string>();

  termsOf(text: string, countFrequency: boolean): string {
    const terms = extractTerms(text);
    const seen = new Set<string>();
    for (const t of terms) {
      if (!this.surfaceForms.has(t.term)) this.surfaceForms.set(t.term, text.slice(t.start, t.end));
      if (!this.words.has(t.word)) this.words.set(t.word, t.term);
      if (countFrequency && !seen.has(t.term)) {
        seen.add(t.term);
        this.documentFrequency.set(t.term, (this.documentFrequency.get(t.term) ?? 0) + 1);
      }
    }
    return terms.map((t) => t.term).join(" ");
  }
}

export function passageDocument(
  passage: Passage,
  title: string,
  vocabulary: VocabularyCounter,
): IndexedDocument {
  return {
    id: passage.id,
    text: vocabulary.termsOf(passage.text, true),
    title,
    subject: "",
    attribute: "",
    tags: "",
  };
}

export function factDocument(fact: Fact, vocabulary: VocabularyCounter): IndexedDocument {
  return {
    id: factDocumentId(fact),
    text: vocabulary.termsOf(fact.quote, false),
    title: "",
    subject: vocabulary.termsOf(fact.subject, false),
    attribute: vocabulary.termsOf([fact.attribute, fact.value, fact.unit ?? ""].join(" "), false),
    tags: vocabulary.termsOf(fact.tags.join(" "), false),
  };
}

/**
 * Yields the documents to index, facts first, in chunks of at most `chunkSize`, tokenizing each
 * text only when its chunk is asked for (so an async build can yield between chunks).
 */
export function* documentChunks(
  kb: KnowledgeBase,
  vocabulary: VocabularyCounter,
  chunkSize: number,
): Generator<IndexedDocument[]> {
  for (let i = 0; i < kb.facts.length; i += chunkSize) {
    yield kb.facts.slice(i, i + chunkSize).map((fact) => factDocument(fact, vocabulary));
  }
  // Titles repeat for every passage of an article: prepare each once.
  const titles = new Map(kb.articles.map((a) => [a.id, vocabulary.termsOf(a.title, false)]));
  for (let i = 0; i < kb.passages.length; i += chunkSize) {
    yield kb.passages
      .slice(i, i + chunkSize)
      .map((p) => passageDocument(p, titles.get(p.articleId) ?? "", vocabulary));
  }
}
