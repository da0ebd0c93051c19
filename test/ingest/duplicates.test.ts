import { describe, expect, it } from "vitest";
import {
  createDuplicateIndex,
  type DuplicateCandidate,
  type DuplicateQuery,
  fingerprintArticle,
} from "../../src/ingest/duplicates.ts";
import { extractArticle } from "../../src/ingest/extract-article.ts";
import { decodeMinHash, MINHASH_SLOTS } from "../../src/ingest/minhash.ts";
import { ARTICLE_PAGES, readPage } from "./pages.ts";

function known(page: string, url = `https://pages.example/${page}`) {
  const result = extractArticle(readPage(page), url);
  if (!result.ok) throw new Error(page);
  const { title, canonicalUrl, paragraphs } = result.article;
  return { title, url: canonicalUrl, fingerprint: fingerprintArticle(paragraphs) };
}

/** Looks `query` up among `existing`, indexed in their order. */
function findDuplicate<T extends DuplicateCandidate>(
  query: DuplicateQuery,
  existing: readonly T[],
) {
  const index = createDuplicateIndex<T>();
  for (const [i, known] of existing.entries()) index.set(String(i), known, known);
  return index.find(query);
}

// Every article but the second story on the pipeline, which must not match the first.
const OTHERS = ARTICLE_PAGES.filter((page) => page !== "opinion-pipeline-stalls");

describe("the duplicate index", () => {
  const existing = OTHERS.map((page) => known(page));

  it("finds the same article under a tracked address by its url", () => {
    const tracked = {
      ...known("wordpress-pipeline-waiver"),
      url: "https://pages.example/wordpress-pipeline-waiver?utm_source=x#top",
    };
    expect(findDuplicate(tracked, existing)).toMatchObject({
      kind: "same-url",
      match: existing[0],
    });
  });

  it("finds the AMP copy at another address by its text", () => {
    const amp = known("wordpress-pipeline-waiver.amp", "https://amp.elsewhere.example/p");
    expect(findDuplicate(amp, existing)).toMatchObject({ kind: "same-text", match: existing[0] });
  });

  it("finds the wire copy on another site, furniture and one paragraph different, as near", () => {
    const wire = known("wire-border-markets-copy");
    const found = findDuplicate(wire, existing);
    expect(found).toMatchObject({ kind: "near-duplicate", match: existing[1] });
    expect(found?.similarity).toBeGreaterThanOrEqual(0.6);
  });

  it("keeps two different stories on the same subject apart", () => {
    const opinion = known("opinion-pipeline-stalls");
    expect(findDuplicate(opinion, existing)).toBeUndefined();
  });

  it("never matches texts too short to have a shingle", () => {
    const short = { fingerprint: fingerprintArticle(["Hi"]) };
    expect(findDuplicate(short, [{ fingerprint: fingerprintArticle(["Yo"]) }])).toBeUndefined();
  });

  it("gives a near-duplicate's similarity as the share of equal MinHash slots", () => {
    const wire = known("wire-border-markets-copy");
    const found = findDuplicate(wire, existing);
    const a = decodeMinHash(wire.fingerprint.minHash) ?? [];
    const b = decodeMinHash(existing[1]?.fingerprint.minHash ?? "") ?? [];
    const equal = [...a].filter((slot, i) => slot === b[i]).length;
    expect(found?.similarity).toBe(equal / MINHASH_SLOTS);
  });

  it("finds an article no more once it is deleted, and the earlier of two at one address", () => {
    const index = createDuplicateIndex<string>();
    const page = known("wordpress-pipeline-waiver");
    index.set("first", page, "first");
    index.set("second", { ...page, url: `${page.url}?utm_source=feed` }, "second");
    expect(index.find({ url: page.url })?.match).toBe("first");
    index.delete("first");
    expect(index.find({ url: page.url })?.match).toBe("second");
    index.delete("second");
    expect(index.find(page)).toBeUndefined();
  });

  it("reads the same text in other case, quotes and spacing as the same text", () => {
    const a = fingerprintArticle(["“Iran,” he said.  The PIPELINE was late."]);
    const b = fingerprintArticle(['"iran" he said', "the pipeline was late"]);
    expect(a.textHash).toBe(b.textHash);
  });
});
