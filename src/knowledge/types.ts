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

/** A curated fact; `quote` occurs verbatim (whitespace-normalised) in the cited passage. */
export interface Fact {
  /** `<file-stem>#<n>` unless the file gives one. */
  id: string;
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

/** Names that mean the same thing: each group lists a canonical name first. */
export type AliasGroup = readonly string[];

export interface KnowledgeBase {
  articles: Article[];
  passages: Passage[];
  facts: Fact[];
  aliases: AliasGroup[];
  /** Content hash over every file read: equal hashes mean equal knowledge. */
  hash: string;
}

export interface KnowledgeCounts {
  articles: number;
  passages: number;
  facts: number;
  aliases: number;
}
