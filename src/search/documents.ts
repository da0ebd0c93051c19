import type { Fact, KnowledgeBase, Passage } from "../knowledge/types.ts";
import { forEachTerm } from "../text/terms.ts";
import { runSteps, type Steps } from "../util/cooperative.ts";

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
  return runSteps(documentIdSteps(kb));
}

/** `documentIdsOf` a few thousand ids a step: 190,000 of them are tens of milliseconds. */
export function* documentIdSteps(kb: KnowledgeBase): Steps<string[]> {
  const ids: string[] = [];
  const count = kb.facts.length + kb.passages.length;
  for (let i = 0; i < count; i++) {
    ids.push(documentIdAt(kb, i) as string);
    if ((i + 1) % ID_STEP === 0) yield;
  }
  return ids;
}

const ID_STEP = 10_000;

/**
 * The document id at `id`, numbered as `documentIdsOf` numbers them, read from the knowledge:
 * an index grown by a change keeps no list of them, which would be the size of the index.
 */
export function documentIdAt(kb: KnowledgeBase, id: number): string | undefined {
  const facts = kb.facts.length;
  if (id < facts) return factDocumentId(kb.facts[id] as Fact);
  return kb.passages[id - facts]?.id;
}

/** Collects, while documents are prepared, what the query planner needs about the vocabulary. */
export class VocabularyCounter {
  /** In how many passages each term occurs. */
  readonly documentFrequency = new Map<string, number>();
  /** The first spelling seen for each term, for "did you mean" suggestions. */
  readonly surfaceForms = new Map<string, string>();
  /** Every folded word seen and its term: typos are corrected to words, then stemmed. */
  readonly words = new Map<string, string>();
  /**
   * Terms in the order MiniSearch first meets them as it indexes the documents (field by
   * field, token by token), which decides the order of its vocabulary. Titles are read before
   * the passages but indexed after each passage's text: their new terms wait until then.
   */
  readonly indexOrder: string[] = [];
  private readonly waiting = new Set<string>();

  /** The terms of `text`, space-joined; `indexed` false for a text indexed later (a title). */
  termsOf(text: string, countFrequency: boolean, indexed = true): string {
    const terms: string[] = [];
    const seen = countFrequency ? new Set<string>() : undefined;
    forEachTerm(text, (term, word, start, end) => {
      terms.push(term);
      if (!this.surfaceForms.has(term)) {
        this.surfaceForms.set(term, text.slice(start, end));
        if (indexed) this.indexOrder.push(term);
        else this.waiting.add(term);
      } else if (indexed && this.waiting.size > 0 && this.waiting.delete(term)) {
        this.indexOrder.push(term);
      }
      if (!this.words.has(word)) this.words.set(word, term);
      if (seen !== undefined && !seen.has(term)) {
        seen.add(term);
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      }
    });
    return terms.join(" ");
  }

  /** Notes that terms read earlier (a title's) are now indexed. */
  indexed(terms: readonly string[]): void {
    if (this.waiting.size === 0) return;
    for (const term of terms) if (this.waiting.delete(term)) this.indexOrder.push(term);
  }
}

export function passageDocument(
  passage: Passage,
  title: string,
  vocabulary: VocabularyCounter,
): IndexedDocument {
  const text = vocabulary.termsOf(passage.text, true);
  // MiniSearch indexes the title after the text.
  if (title !== "") vocabulary.indexed(title.split(" "));
  return { id: passage.id, text, title, subject: "", attribute: "", tags: "" };
}

/** The texts a fact is indexed by, per field, in the order they are read. */
export function factFieldTexts(fact: Fact): Omit<IndexedDocument, "id"> {
  return {
    text: fact.quote,
    title: "",
    subject: fact.subject,
    attribute: [fact.attribute, fact.value, fact.unit ?? ""].join(" "),
    tags: fact.tags.join(" "),
  };
}

export function factDocument(fact: Fact, vocabulary: VocabularyCounter): IndexedDocument {
  const texts = factFieldTexts(fact);
  return {
    id: factDocumentId(fact),
    text: vocabulary.termsOf(texts.text, false),
    title: "",
    subject: vocabulary.termsOf(texts.subject, false),
    attribute: vocabulary.termsOf(texts.attribute, false),
    tags: vocabulary.termsOf(texts.tags, false),
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
  const titles = new Map(kb.articles.map((a) => [a.id, vocabulary.termsOf(a.title, false, false)]));
  for (let i = 0; i < kb.passages.length; i += chunkSize) {
    yield kb.passages
      .slice(i, i + chunkSize)
      .map((p) => passageDocument(p, titles.get(p.articleId) ?? "", vocabulary));
  }
}
