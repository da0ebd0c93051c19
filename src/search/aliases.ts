import type { AliasGroup, KnowledgeBase } from "../knowledge/types.ts";
import type { AcronymPair } from "../text/acronyms.ts";
import { extractTerms } from "../text/terms.ts";
import { acronymAliasGroups } from "./acronyms.ts";

/** A name as index terms, e.g. "General Bajwa" → ["general", "bajwa"]. */
export type TermSequence = readonly string[];

/** Alias groups keyed by the first term of each name, for matching names inside a query. */
export interface AliasTable {
  byFirstTerm: ReadonlyMap<string, readonly { name: TermSequence; group: number }[]>;
  groups: readonly (readonly TermSequence[])[];
}

/**
 * What questions ask versus how articles and facts say it ("how long" is answered by a length
 * or a duration). Generic English, so they hold for any knowledge base.
 */
export const QUESTION_SYNONYMS: readonly AliasGroup[] = [
  ["long", "length", "duration", "distance"],
  ["big", "size", "large"],
  ["cost", "price", "worth"],
  ["deadline", "due", "target date"],
];

/** The knowledge base's aliases, the acronyms it taught and the built-in question synonyms. */
export function aliasTableFor(kb: KnowledgeBase, acronyms: readonly AcronymPair[]): AliasTable {
  return buildAliasTable([...kb.aliases, ...acronymAliasGroups(acronyms), ...QUESTION_SYNONYMS]);
}

export function buildAliasTable(groups: readonly AliasGroup[]): AliasTable {
  const byFirstTerm = new Map<string, { name: TermSequence; group: number }[]>();
  const termGroups = groups.map((names, group) => {
    const sequences = names
      .map((name) => extractTerms(name).map((t) => t.term))
      .filter((terms) => terms.length > 0);
    for (const name of sequences) {
      const first = name[0] as string;
      const list = byFirstTerm.get(first) ?? [];
      list.push({ name, group });
      // Longest names first, so "qamar javed bajwa" wins over "qamar".
      list.sort((a, b) => b.name.length - a.name.length);
      byFirstTerm.set(first, list);
    }
    return sequences;
  });
  return { byFirstTerm, groups: termGroups };
}

/** A thing the question asks about: one term, or a name with its aliases. */
export interface Concept {
  /** The words as the question put them. */
  asked: TermSequence;
  /** Every way to say it: `asked` first, then the aliases. */
  alternatives: readonly TermSequence[];
}

/** Groups a question's terms into concepts, expanding names to their aliases. */
export function toConcepts(terms: readonly string[], table: AliasTable): Concept[] {
  const concepts: Concept[] = [];
  let i = 0;
  while (i < terms.length) {
    const term = terms[i] as string;
    const match = table.byFirstTerm
      .get(term)
      ?.find(({ name }) => name.every((t, k) => terms[i + k] === t));
    if (match) {
      const others = (table.groups[match.group] ?? []).filter((n) => !sameSequence(n, match.name));
      concepts.push({ asked: match.name, alternatives: [match.name, ...others] });
      i += match.name.length;
    } else {
      concepts.push({ asked: [term], alternatives: [[term]] });
      i += 1;
    }
  }
  return dedupeConcepts(concepts);
}

function sameSequence(a: TermSequence, b: TermSequence): boolean {
  return a.length === b.length && a.every((t, k) => b[k] === t);
}

function dedupeConcepts(concepts: Concept[]): Concept[] {
  const seen = new Set<string>();
  return concepts.filter((c) => {
    const key = c.asked.join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
