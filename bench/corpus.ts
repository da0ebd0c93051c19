import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readBrownSentences } from "./brown.ts";
import { createRandom, randomInt } from "./random.ts";

/** How a scale corpus is cut: every field changes the generated folder. */
export interface CorpusOptions {
  passages: number;
  /** PRNG seed: the same seed and size always give byte-identical files. */
  seed: number;
}

/** Defaults: 3–6 sentences a passage, ~1000 passages an article (the seed article has 16). */
export const CORPUS_DEFAULTS = {
  seed: 20240117,
  minSentences: 3,
  maxSentences: 6,
  passagesPerArticle: 1000,
} as const;

export interface ScalePassage {
  /** `<article-id>#<n>`, the id the knowledge loader gives the paragraph. */
  id: string;
  text: string;
  /** Indexes into `ScaleCorpus.sentences`, in passage order. */
  sentences: number[];
}

export interface ScaleArticle {
  id: string;
  title: string;
  passages: ScalePassage[];
}

export interface ScaleCorpus {
  options: CorpusOptions;
  sentences: string[];
  articles: ScaleArticle[];
  passages: ScalePassage[];
}

/**
 * Recombines Brown sentences into `passages` passages: sentences recur across passages, their
 * combination does not, so a passage can be found again from a few of its rarer words.
 */
export function generateCorpus(
  options: CorpusOptions,
  sentences: string[] = readBrownSentences(),
): ScaleCorpus {
  const random = createRandom(options.seed);
  const articles: ScaleArticle[] = [];
  const passages: ScalePassage[] = [];
  const articleCount = Math.ceil(options.passages / CORPUS_DEFAULTS.passagesPerArticle);
  for (let a = 0; a < articleCount; a++) {
    const id = `brown-${String(a + 1).padStart(4, "0")}`;
    const article: ScaleArticle = { id, title: `Brown corpus sample ${a + 1}`, passages: [] };
    const size = Math.min(
      CORPUS_DEFAULTS.passagesPerArticle,
      options.passages - a * CORPUS_DEFAULTS.passagesPerArticle,
    );
    for (let n = 1; n <= size; n++) {
      const count = randomInt(random, CORPUS_DEFAULTS.minSentences, CORPUS_DEFAULTS.maxSentences);
      const picked = new Set<number>();
      while (picked.size < count) picked.add(Math.floor(random() * sentences.length));
      const indexes = [...picked];
      const passage = {
        id: `${id}#${n}`,
        text: indexes.map((i) => sentences[i]).join(" "),
        sentences: indexes,
      };
      article.passages.push(passage);
      passages.push(passage);
    }
    articles.push(article);
  }
  return { options, sentences, articles, passages };
}

/** An article in the seed's `.txt` format: title line, then one paragraph per passage. */
export function formatArticle(article: ScaleArticle): string {
  return `${article.title}\n\n${article.passages.map((p) => p.text).join("\n\n")}\n`;
}

/** Where a corpus of this size and seed lives under `outDir`. */
export function corpusDir(outDir: string, options: CorpusOptions): string {
  return join(outDir, `corpus-${options.passages}-seed${options.seed}`);
}

/** Marker written last, so a half-written folder (an interrupted run) is regenerated. */
const COMPLETE_MARKER = "corpus.json";

/**
 * Generates the corpus and writes it to `<dir>/knowledge/articles/*.txt` unless a complete copy
 * is already there; returns the in-memory corpus either way (regenerating is cheap and
 * deterministic, writing 100k passages is not).
 */
export function ensureCorpus(
  outDir: string,
  options: CorpusOptions,
  sentences?: string[],
): { dir: string; knowledgeDir: string; corpus: ScaleCorpus; generated: boolean } {
  const dir = corpusDir(outDir, options);
  const knowledgeDir = join(dir, "knowledge");
  const corpus = generateCorpus(options, sentences);
  const marker = join(dir, COMPLETE_MARKER);
  const expected = JSON.stringify({ ...options, articles: corpus.articles.length });
  if (existsSync(marker) && readFileSync(marker, "utf8") === expected) {
    return { dir, knowledgeDir, corpus, generated: false };
  }
  rmSync(dir, { recursive: true, force: true });
  const articlesDir = join(knowledgeDir, "articles");
  mkdirSync(articlesDir, { recursive: true });
  for (const article of corpus.articles) {
    writeFileSync(join(articlesDir, `${article.id}.txt`), formatArticle(article));
  }
  writeFileSync(marker, expected);
  return { dir, knowledgeDir, corpus, generated: true };
}
