import type { Fact } from "../knowledge/types.ts";

/** A fact's value as people read it: with its unit, "2,775 km". */
export function formatFactValue(fact: Pick<Fact, "value" | "unit">): string {
  return fact.unit === undefined || fact.unit === "" ? fact.value : `${fact.value} ${fact.unit}`;
}
