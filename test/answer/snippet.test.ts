import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeSnippet } from "../../src/answer/snippet.ts";

describe("makeSnippet", () => {
  it("keeps snippets verbatim and within about 300 characters, whatever the passage", () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
    const sentence = fc.array(word, { minLength: 1, maxLength: 60 }).map((w) => `${w.join(" ")}.`);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 8 }), word, (sentences, term) => {
        const passage = sentences.join(" ");
        const snippet = makeSnippet(passage, new Set([term.toLowerCase()]));
        expect(passage).toContain(snippet.text);
        expect(snippet.text.length).toBeLessThanOrEqual(300);
        for (const [, e] of snippet.marks) expect(e).toBeLessThanOrEqual(snippet.text.length);
      }),
    );
  });

  it("keeps a fact's quote inside its snippet", () => {
    const passage = `${"Filler words go here. ".repeat(20)}The pipeline was due in 2014. ${"More filler. ".repeat(20)}`;
    const start = passage.indexOf("due in 2014");
    const snippet = makeSnippet(passage, new Set(), { start, end: start + 11 });
    expect(snippet.text).toContain("due in 2014");
  });
});
