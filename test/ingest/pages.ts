import { readFileSync } from "node:fs";
import path from "node:path";

export const PAGES_DIR = path.resolve(import.meta.dirname, "../fixtures/pages");

/** One page for each article, in its own markup style (not the AMP and wire copies). */
export const ARTICLE_PAGES = [
  "wordpress-pipeline-waiver",
  "newscms-border-markets",
  "blog-chabahar-gwadar",
  "divs-makran-electricity",
  "ogmeta-barter-list",
  "magazine-strikes-deescalation",
  "microdata-taftan-pilgrims",
  "main-gwadar-fishermen",
  "opinion-pipeline-stalls",
];

export function readPage(name: string): string {
  return readFileSync(path.join(PAGES_DIR, `${name}.html`), "utf8");
}

export function readExpected(name: string): string[] {
  return readFileSync(path.join(PAGES_DIR, `${name}.expected.txt`), "utf8")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}
