/** One paragraph of an article: the unit that answers cite. */
export interface Passage {
  /** `<article-id>#<n>`, stable across reloads as long as the paragraph order is. */
  id: string;
  articleId: string;
  /** Paragraph number, counted from 1 after the title. */
  n: number;
  text: string;
  /** 1-based line in the article file where the paragraph starts. */
  line: number;
}

export interface Article {
  id: string;
  title: string;
  source?: string;
  url?: string;
  published?: string;
  tags: string[];
  /** Path of the file it was read from, relative to the knowledge folder. */
  file: string;
  /** First sentence of the first passage: what a digest shows as the article's lead. */
  lead: string;
  /** Hash of the article's text, so that a digest can tell a changed article from an old one. */
  hash: string;
  passages: Passage[];
}

/**
 * Where a fact comes from: "curated" facts are written in `facts/*.yml`; "extracted" facts are
 * read from a paragraph that no curated fact quotes, by the patterns in `extract/`.
 */
export type FactOrigin = "curated" | "extracted";

/** A fact; `quote` occurs verbatim (whitespace-normalised) in the cited passage. */
export interface Fact {
  /** `<file-stem>#<n>` unless the file gives one; `<article-id>#<n>.x<k>` when extracted. */
  id: string;
  origin: FactOrigin;
  subject: string;
  attribute: string;
  value: string;
  unit?: string;
  asOf?: string;
  /** Id of the article the fact is quoted from. */
  article: string;
  /** Paragraph number in that article. */
  paragraph: number;
  quote: string;
  /** Topic words for `/iranpak facts <topic>` and the digest, beyond subject and attribute. */
  tags: string[];
  file: string;
  line: number;
}

/** Two or more articles giving different values for one subject and attribute. */
export interface FactConflict {
  subject: string;
  attribute: string;
  /** Every fact in the disagreement, at least two articles' worth, in knowledge order. */
  facts: Fact[];
}

/** Names that mean the same thing: each group lists a canonical name first. */
export type AliasGroup = readonly string[];

export interface KnowledgeBase {
  articles: Article[];
  passages: Passage[];
  facts: Fact[];
  aliases: AliasGroup[];
  /** Subjects and attributes for which two articles give different values (see conflicts.ts). */
  conflicts: readonly FactConflict[];
  /** Content hash over every file read: equal hashes mean equal knowledge. */
  hash: string;
}

export interface KnowledgeCounts {
  articles: number;
  passages: number;
  facts: number;
  aliases: number;
}
