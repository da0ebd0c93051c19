import { describe, expect, it } from "vitest";
import { articleText, createKnowledgeDir } from "../helpers/knowledge-dir.ts";
import { runScript } from "../helpers/run-script.ts";

describe("npm run ask", () => {
  it("prints a readable answer with citations", async () => {
    const { code, stdout } = await runScript("src/cli/main.ts", [
      "ask",
      "How long is the Iran Pakistan border?",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("959 km");
    expect(stdout).toMatch(/Pakistan and Iran Move Closer to Deepen Ties, ¶13/);
  });

  it("prints one JSON object, one result a passage best first, with the facts that quote it", async () => {
    const { code, stdout } = await runScript("src/cli/main.ts", ["ask", "--json", "pipeline"]);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.query).toBe("pipeline");
    expect(answer.results.length).toBeGreaterThan(0);
    for (const r of answer.results) {
      expect(r.passage).toContain(r.snippet);
      expect(r.citation).toMatchObject({ title: "Pakistan and Iran Move Closer to Deepen Ties" });
      expect(r.citation.docId).toBe(`pakistan-iran#${r.citation.paragraph}`);
      for (const f of r.facts) expect(typeof f.value).toBe("string");
    }
    const docIds = answer.results.map((r: { citation: { docId: string } }) => r.citation.docId);
    expect(new Set(docIds).size).toBe(docIds.length);
    const p15 = answer.results.find(
      (r: { citation: { docId: string } }) => r.citation.docId === "pakistan-iran#15",
    );
    expect(p15.facts.map((f: { value: string }) => f.value)).toEqual([
      "2,775 km",
      "the Pakistani border",
    ]);
  });

  it("reads one question a line from standard input and prints one JSON line each", async () => {
    const { code, stdout } = await runScript("src/cli/main.ts", ["ask", "--json"], {
      input: "pipeline\ncricket world cup\n\nKashmir\n",
    });
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(["pipeline", "cricket world cup", "Kashmir"]);
    expect(lines[1].results).toEqual([]);
  });

  it("carries each answer's confidence, what matched nothing, and typo corrections", async () => {
    const { stdout } = await runScript("src/cli/main.ts", ["ask", "--json"], {
      input:
        "How long is the Iran Pakistan border?\npipline\npipeline sanctions\nnuclear weapons\n",
    });
    const [direct, corrected, closest, none] = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(direct.confidence).toBe("direct");
    expect(corrected.corrections).toEqual([{ asked: "pipline", shown: "pipeline" }]);
    expect(closest).toMatchObject({ confidence: "closest", missed: ["sanction"] });
    expect(none).toMatchObject({ confidence: "none", results: [] });
    expect(none.suggestions.length).toBeGreaterThan(0);
  });

  it("names the file and line of a YAML file that reuses one anchor past the alias limit", async () => {
    const folder = await createKnowledgeDir({
      "articles/ties.txt": articleText("Ties", ["Pakistan and Iran share a 959km border."]),
      "aliases.yml": `- [&b border, ${Array.from({ length: 101 }, () => "*b").join(", ")}]\n`,
    });
    try {
      const { code, stderr } = await runScript("src/cli/main.ts", ["ask", "border"], {
        env: { KNOWLEDGE_DIR: folder.dir },
      });
      expect(code).toBe(1);
      expect(stderr).toContain(`${folder.dir}/aliases.yml:1: invalid YAML: Excessive alias count`);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      await folder.remove();
    }
  });

  it("names the file and line when the knowledge folder is broken", async () => {
    const { code, stderr } = await runScript("src/cli/main.ts", ["ask", "pipeline"], {
      env: { KNOWLEDGE_DIR: "test/no-such-folder" },
    });
    expect(code).toBe(1);
    expect(stderr).toContain("test/no-such-folder: knowledge folder not found");
  });
});
