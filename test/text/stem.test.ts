import { describe, expect, it } from "vitest";
import { irregularFormsOf, stem } from "../../src/text/stem.ts";

describe("stem", () => {
  it.each([
    ["borders", "border"],
    ["iran's", "iran"],
    ["ministers'", "minister"],
    ["countries", "country"],
    ["churches", "church"],
    ["classes", "class"],
  ])("takes plurals and possessives off: %s → %s", (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it("makes a verb's regular forms meet", () => {
    for (const words of [
      ["complete", "completed", "completes"],
      ["stop", "stopped", "stopping"],
      ["study", "studies", "studied"],
      ["walk", "walked", "walking"],
    ]) {
      expect(new Set(words.map(stem)).size, words.join(", ")).toBe(1);
    }
  });

  it("keeps the doubled letters English stems have", () => {
    expect(stem("called")).toBe("call");
    expect(stem("passed")).toBe("pass");
    expect(stem("buzzing")).toBe("buzz");
  });

  it("leaves words that only look inflected as they are", () => {
    for (const word of ["bus", "analysis", "status", "king", "sing", "need", "red"]) {
      expect(stem(word)).toBe(word);
    }
  });

  it("leaves numbers alone", () => {
    expect(stem("1990s")).toBe("1990s");
    expect(stem("2,775")).toBe("2,775");
  });

  it("reads the irregular verbs and plurals questions use most", () => {
    expect(stem("met")).toBe("meet");
    expect(stem("meetings")).toBe("meet");
    expect(stem("children")).toBe("child");
    expect(stem("people")).toBe("people");
  });
});

describe("irregularFormsOf", () => {
  it("lists the irregular forms that stem to the term, and none for a regular one", () => {
    expect(irregularFormsOf("meet")).toEqual(expect.arrayContaining(["met", "meets", "meeting"]));
    for (const form of irregularFormsOf("meet")) expect(stem(form)).toBe("meet");
    expect(irregularFormsOf("walk")).toEqual([]);
  });
});
