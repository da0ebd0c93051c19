import { readFileSync } from "node:fs";
import path from "node:path";

export const PAGES_DIR = path.resolve(import.meta.dirname, "../fixtures/pages");

export function readPage(name: string): string {
  return readFileSync(path.join(PAGES_DIR, `${name}.html`), "utf8");
}

export function readExpected(name: string): string[] {
  return readFileSync(path.join(PAGES_DIR, `${name}.expected.txt`), "utf8")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}
