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
  const said = new Set<string>();
  const valuesByParagraph = new Set<string>();
  for (const fact of curated) {
    said.add([normaliseKey(fact.subject), normaliseKey(fact.attribute), valueKey(fact)].join("\0"));
    valuesByParagraph.add(`${fact.article}#${fact.paragraph}\0${valueKey(fact)}`);
  }
  return extracted.filter(
    (fact) =>
      !said.has(
        [normaliseKey(fact.subject), normaliseKey(fact.attribute), valueKey(fact)].join("\0"),
      ) && !valuesByParagraph.has(`${fact.article}#${fact.paragraph}\0${valueKey(fact)}`),
  );
}
