import { parse, stringify } from "yaml";
import { sha256 } from "../knowledge/hash.ts";
import type { AddedFrom } from "./article-store.ts";
import { type ArticleFingerprint, fingerprintArticle } from "./duplicates.ts";
import { escapeMarkdown } from "./escape-markdown.ts";
import type { ExtractedArticle } from "./extract-article.ts";

export interface ArticleFileInput {
  article: ExtractedArticle;
  /** When the page was fetched, ISO 8601 (`2026-12-07T01:30:00.000Z`). */
  fetched: string;
  /** A salted hash of who added it, never a Slack user id. */
  addedBy: string;
  /** Computed from the paragraphs when not given. */
  fingerprint?: ArticleFingerprint;
}

export interface ArticleFile {
  id: string;
  /** `<id>.md`. */
  fileName: string;
  text: string;
}

/** How a feed item's `added_by` starts (`feed https://…`); a person's is a salted hash. */
export const FEED_ADDED_BY_PREFIX = "feed ";

const SLUG_MAX_CHARS = 60;
const ID_HASH_CHARS = 8;

/**
 * An extracted article as a Markdown knowledge file: YAML front matter (src/knowledge/schema.ts)
 * and one escaped Markdown paragraph per extracted paragraph, so that parse-article.ts reads
 * back exactly the extracted paragraphs, and a person can read and edit it like any article.
 */
export function renderArticleFile(input: ArticleFileInput): ArticleFile {
  const { article, fetched, addedBy } = input;
  const fingerprint = input.fingerprint ?? fingerprintArticle(article.paragraphs);
  const id = createArticleId(article.title, article.canonicalUrl);
  const frontMatter = {
    id,
    title: article.title,
    source: article.publisher,
    url: article.canonicalUrl,
    ...(article.author === undefined ? {} : { author: article.author }),
    ...(article.published === undefined ? {} : { published: article.published }),
    fetched,
    added_by: addedBy,
    text_hash: fingerprint.textHash,
    ...(fingerprint.minHash === "" ? {} : { minhash: fingerprint.minHash }),
  };
  const yaml = stringify(frontMatter, { lineWidth: 0 }).trimEnd();
  const body = article.paragraphs.map(escapeMarkdown).join("\n\n");
  return { id, fileName: `${id}.md`, text: `---\n${yaml}\n---\n\n${body}\n` };
}

/**
 * A readable, stable id: the title's words as a slug (ASCII, at most 60 characters, cut at a
 * word) and 8 hex digits of the canonical URL's hash, so that two articles with one title
 * differ and the same URL always gets the same id.
 */
export function createArticleId(title: string, canonicalUrl: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
  let slug = "";
  for (const word of words) {
    const next = slug === "" ? word : `${slug}-${word}`;
    if (next.length > SLUG_MAX_CHARS) break;
    slug = next;
  }
  const hash = sha256(canonicalUrl).slice(0, ID_HASH_CHARS);
  return `${slug === "" ? "article" : slug}-${hash}`;
}

/**
 * Where an article file says it came from, by its front matter's `added_by`: for articles
 * stored before the store kept it. No `added_by`, or a person's hash: by hand.
 */
export function readAddedFrom(text: string): AddedFrom {
  const line = /^---\n[\s\S]*?^added_by: (.*)$/m.exec(text)?.[1];
  const addedBy: unknown = line === undefined ? undefined : parse(line);
  if (typeof addedBy === "string" && addedBy.startsWith(FEED_ADDED_BY_PREFIX)) {
    return { kind: "feed", feedUrl: addedBy.slice(FEED_ADDED_BY_PREFIX.length) };
  }
  return { kind: "hand" };
}
