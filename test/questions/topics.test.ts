import { describe, expect, it } from "vitest";
import { createTopicModel } from "../../src/questions/topics.ts";

const model = createTopicModel(
  [
    ["Gas pipeline project", "IP gas pipeline project"],
    ["Pipeline project"],
    ["Qamar Javed Bajwa", "Bajwa", "Army Chief"],
    ["Top partner", "#1 partner"],
  ],
  [],
);
const keysOf = (question: string) => model.topicsOf(question).map((t) => t.key);

describe("createTopicModel's topicsOf", () => {
  it("reads a name as its canonical name", () => {
    expect(keysOf("What did the Army Chief say?")).toContain("=Qamar Javed Bajwa");
  });

  it("reads the longest name inside another, whichever the question names first", () => {
    const keys = keysOf("Pipeline news: what became of the gas pipeline project?");
    expect(keys).toContain("=Gas pipeline project");
    expect(keys).not.toContain("=Pipeline project");
  });

  it("reads a name that starts with no word", () => {
    expect(keysOf("Is Iran Pakistan's #1 partner?")).toContain("=Top partner");
  });

  it("reads no name from a word that only starts one", () => {
    expect(keysOf("Which army?")).toEqual(["army"]);
  });
});
