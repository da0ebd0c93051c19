import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runFacts } from "../../src/cli/facts.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { articleText, createKnowledgeDir, type TempDir } from "../helpers/knowledge-dir.ts";
import { runScript } from "../helpers/run-script.ts";

const NEWS = articleText("Pipeline News", [
  "The 1,931km pipeline was due to be completed in 2014, at a cost of $7.5 billion.",
  "Foreign Minister Javad Zarif said: “Work will resume.” It runs from Asaluyeh to Nawabshah.",
  "Nothing countable here.",
]);

function collect() {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

let folder: TempDir;
beforeEach(async () => {
  folder = await createKnowledgeDir({ "articles/news.txt": NEWS });
});
afterEach(async () => {
  await folder.remove();
});

describe("npm run facts -- suggest", () => {
  it("prints the article's extracted facts as YAML that loads back as curated facts", async () => {
    const { code, stdout } = await runScript("src/cli/main.ts", ["facts", "suggest", "news"], {
      env: { KNOWLEDGE_DIR: folder.dir },
    });
    expect(code).toBe(0);
    expect(stdout).toContain("- id: news-1-");
    expect(stdout).toContain("  source: news#1");
    expect(stdout).toContain("  source: news#2");

    const before = await loadKnowledge(folder.dir);
    const extracted = before.facts.filter((f) => f.origin === "extracted");
    expect(extracted.length).toBeGreaterThanOrEqual(4);

    await mkdir(join(folder.dir, "facts"), { recursive: true });
    await writeFile(join(folder.dir, "facts", "news.yml"), stdout);
    const after = await loadKnowledge(folder.dir);
    const curated = after.facts.filter((f) => f.origin === "curated");
    expect(curated.map((f) => [f.subject, f.attribute, f.value, f.unit, f.quote, f.tags])).toEqual(
      extracted.map((f) => [f.subject, f.attribute, f.value, f.unit, f.quote, f.tags]),
    );
    // The curated paragraphs now get no extracted facts.
    expect(after.facts.filter((f) => f.origin === "extracted")).toEqual([]);
  });

  it("says in one line that an article id is unknown, and exits 2", async () => {
    const { code, stdout, stderr } = await runScript(
      "src/cli/main.ts",
      ["facts", "suggest", "nope"],
      {
        env: { KNOWLEDGE_DIR: folder.dir },
      },
    );
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n").filter((l) => l.includes("nope"))).toEqual([
      'unknown article "nope"; the knowledge base has: news',
    ]);
  });

  it("prints its usage and exits 2 without an action and an article id", async () => {
    const kb = await loadKnowledge(folder.dir);
    for (const args of [[], ["suggest"], ["list", "news"], ["suggest", "news", "extra"]]) {
      const output = collect();
      const error = collect();
      expect(runFacts(args, kb, { output: output.stream, error: error.stream })).toBe(2);
      expect(error.text()).toContain("npm run facts -- suggest <article-id>");
      expect(output.text()).toBe("");
    }
  });

  it("says so when an article has no extracted facts", async () => {
    const kb = await loadKnowledge("knowledge");
    const output = collect();
    const error = collect();
    expect(
      runFacts(["suggest", "pakistan-iran"], kb, { output: output.stream, error: error.stream }),
    ).toBe(0);
    expect(output.text()).toMatch(
      /^# Facts extracted automatically from "Pakistan and Iran Move Closer/,
    );
    expect(output.text()).toContain("# None: every paragraph has curated facts");
    expect(output.text()).not.toContain("- id:");
  });
});
