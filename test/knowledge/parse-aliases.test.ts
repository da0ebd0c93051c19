import { describe, expect, it } from "vitest";
import { buildKnowledgeBase } from "../../src/knowledge/build-knowledge-base.ts";
import { border, file, problemsOf } from "./fixtures.ts";

const aliasesOf = (yaml: string) => buildKnowledgeBase([border, file("aliases.yml", yaml)]).aliases;
const problemsIn = (yaml: string) => problemsOf(() => aliasesOf(yaml));

describe("aliases", () => {
  it("are read as groups, canonical name first", () => {
    const yaml = "# people\n- [Qamar Javed Bajwa, Bajwa, Army Chief]\n- - Tehran\n  - Iran\n";
    expect(aliasesOf(yaml)).toEqual([
      ["Qamar Javed Bajwa", "Bajwa", "Army Chief"],
      ["Tehran", "Iran"],
    ]);
  });

  it("refuse a name in two groups, whatever its case", () => {
    const yaml = "- [Tehran, Iran]\n- [Islamabad, Pakistan]\n- - Rouhani\n  - iran\n";
    expect(problemsIn(yaml)).toEqual([
      'knowledge/aliases.yml:4: duplicate alias "iran" (first at knowledge/aliases.yml:1)',
    ]);
  });

  it("report groups that are not lists of at least two names", () => {
    const yaml = "- Tehran, Iran\n- [Alone]\n- [Kabul, '']\n";
    expect(problemsIn(yaml)).toEqual([
      "knowledge/aliases.yml:1: alias group must be a list of names",
      "knowledge/aliases.yml:2: alias group must list at least two names",
      "knowledge/aliases.yml:3: alias group[1] must not be empty",
    ]);
  });

  it("refuse a file that is not a list", () => {
    expect(problemsIn("Tehran: Iran\n")).toEqual([
      "knowledge/aliases.yml:1: aliases file must be a list of groups",
    ]);
  });
});
