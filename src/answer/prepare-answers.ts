import type { KnowledgeBase } from "../knowledge/types.ts";
import type { KnowledgeDelta } from "../knowledge/update-knowledge.ts";
import type { Steps } from "../util/cooperative.ts";
import { conflictLookupsSteps } from "./conflict-lookups.ts";
import { summariseKnowledgeSteps } from "./summarise-knowledge.ts";

/**
 * What answers read of a knowledge base besides its index (the lookups of its disagreements,
 * its summary for "did you mean"), a few milliseconds a step: run before a changed knowledge
 * base serves and after a start, so that the first answers after either do not build them.
 * With the `delta` that made `kb`, from what was worked out for the knowledge before it.
 */
export function* prepareAnswersSteps(kb: KnowledgeBase, delta?: KnowledgeDelta): Steps<void> {
  yield* conflictLookupsSteps(kb.conflicts);
  yield* summariseKnowledgeSteps(kb, delta);
}
