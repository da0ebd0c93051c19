import { runSteps, type Steps } from "../../util/cooperative.ts";
import { normaliseKey } from "../conflicts.ts";
import type { Fact } from "../types.ts";

const valueKey = (fact: Fact) =>
  normaliseKey(`${fact.value} ${fact.unit ?? ""}`).replace(/[\s,]/g, "");

/**
 * Extracted facts that say nothing a curated fact already says: curated facts win over an
 * extracted one with the same subject, attribute and value, or with the same value read from
 * the same paragraph (the curator named it better).
 */
export function preferCurated(extracted: readonly Fact[], curated: readonly Fact[]): Fact[] {
  return runSteps(preferCuratedSteps(extracted, curated));
}

/** Extracted facts checked between turns. */
const STEP_FACTS = 2_000;

/** `preferCurated` in steps, for a build that gives answers a turn now and then. */
export function* preferCuratedSteps(
  extracted: readonly Fact[],
  curated: readonly Fact[],
): Steps<Fact[]> {
  const said = new Set<string>();
  const valuesByParagraph = new Set<string>();
  for (const fact of curated) {
    said.add(sayingKey(fact));
    valuesByParagraph.add(paragraphValueKey(fact));
  }
  const kept: Fact[] = [];
  for (let i = 0; i < extracted.length; i++) {
    const fact = extracted[i] as Fact;
    if (!said.has(sayingKey(fact)) && !valuesByParagraph.has(paragraphValueKey(fact))) {
      kept.push(fact);
    }
    if ((i + 1) % STEP_FACTS === 0) yield;
  }
  return kept;
}

const sayingKey = (fact: Fact) =>
  [normaliseKey(fact.subject), normaliseKey(fact.attribute), valueKey(fact)].join("\0");

const paragraphValueKey = (fact: Fact) => `${fact.article}#${fact.paragraph}\0${valueKey(fact)}`;
