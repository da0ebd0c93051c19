import type { FactConflict } from "../knowledge/types.ts";
import { runSteps, type Steps } from "../util/cooperative.ts";

/**
 * What answers look disagreements up by, built once per list of disagreements: a knowledge
 * base grown by an article that brings no new disagreement keeps its predecessor's list (see
 * `changeConflictsSteps`), and `conflictLookupsSteps` builds them for a new list before its
 * index serves, where the first answer after every article added at 100k passages took 10-20
 * ms to.
 */
const byFactOf = new WeakMap<readonly FactConflict[], ReadonlyMap<string, FactConflict>>();
const contradictedOf = new WeakMap<readonly FactConflict[], ReadonlySet<string>>();

/** Facts of disagreements handled between two possible yields. */
const STEP_FACTS = 5_000;

/** Each fact's disagreement, by fact id. */
export function conflictsByFact(
  conflicts: readonly FactConflict[],
): ReadonlyMap<string, FactConflict> {
  return byFactOf.get(conflicts) ?? runSteps(conflictsByFactSteps(conflicts));
}

/**
 * The ids of the facts whose disagreement has a curated fact in it: one among extracted facts
 * can hold hundreds, and each fact a question touched read them all.
 */
export function contradictedFacts(conflicts: readonly FactConflict[]): ReadonlySet<string> {
  return contradictedOf.get(conflicts) ?? runSteps(contradictedFactsSteps(conflicts));
}

/** Both lookups of `conflicts`, a few thousand facts a step, unless a question built them. */
export function* conflictLookupsSteps(conflicts: readonly FactConflict[]): Steps<void> {
  yield* contradictedFactsSteps(conflicts);
}

function* conflictsByFactSteps(
  conflicts: readonly FactConflict[],
): Steps<ReadonlyMap<string, FactConflict>> {
  const known = byFactOf.get(conflicts);
  if (known) return known;
  const byFact = new Map<string, FactConflict>();
  let n = 0;
  for (const conflict of conflicts) {
    for (const fact of conflict.facts) {
      byFact.set(fact.id, conflict);
      if (++n % STEP_FACTS === 0) yield;
    }
  }
  // A question may have built them meanwhile: keep the one the others already read.
  const built = byFactOf.get(conflicts) ?? byFact;
  byFactOf.set(conflicts, built);
  return built;
}

function* contradictedFactsSteps(conflicts: readonly FactConflict[]): Steps<ReadonlySet<string>> {
  const known = contradictedOf.get(conflicts);
  if (known) return known;
  const byFact = yield* conflictsByFactSteps(conflicts);
  const curated = new Map<FactConflict, boolean>();
  const contradicted = new Set<string>();
  let n = 0;
  for (const [id, conflict] of byFact) {
    let yes = curated.get(conflict);
    if (yes === undefined) {
      yes = conflict.facts.some((f) => f.origin === "curated");
      curated.set(conflict, yes);
    }
    if (yes) contradicted.add(id);
    if (++n % STEP_FACTS === 0) yield;
  }
  const built = contradictedOf.get(conflicts) ?? contradicted;
  contradictedOf.set(conflicts, built);
  return built;
}
