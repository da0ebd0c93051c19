import { runSteps, type Steps } from "../util/cooperative.ts";
import type { Fact, FactConflict } from "./types.ts";

/** Lengths in metres, so that "959 km" and "596 miles" can be told the same. */
const METRES: Readonly<Record<string, number>> = {
  km: 1000,
  kilometre: 1000,
  kilometer: 1000,
  kilometres: 1000,
  kilometers: 1000,
  m: 1,
  metre: 1,
  meter: 1,
  metres: 1,
  meters: 1,
  mi: 1609.344,
  mile: 1609.344,
  miles: 1609.344,
  ft: 0.3048,
  foot: 0.3048,
  feet: 0.3048,
};
const SCALES: Readonly<Record<string, number>> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
};
/** Values read as rounded: "596 miles" is 959.2 km, which an article writes as 959 km. */
const CONVERTED_TOLERANCE = 0.005;

// A plain quantity: optional currency, a number, an optional scale word or a percent sign.
const QUANTITY =
  /^(?<currency>US\$|A\$|\$|£|€|¥|₹|Rs\.?)?\s?(?<number>[−-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s?(?<scale>thousand|million|billion|trillion|bn|mn|k|m)?\s?(?<percent>%|percent|per cent)?$/i;

/** How a subject or attribute is compared: case, diacritics, apostrophes and spacing aside. */
export function normaliseKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[’‘`]/g, "'")
    .replace(/[–—]/g, "-")
    .toLowerCase()
    .replace(/^(?:the|a|an)\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

interface Reading {
  /** For a quantity: the amount in a base unit; undefined for text. */
  amount?: number;
  /** The unit's kind ("m" for lengths) or the unit itself; for text, the normalised text. */
  key: string;
  converted: boolean;
}

function readValue(fact: Pick<Fact, "value" | "unit">): Reading {
  const match = QUANTITY.exec(fact.value.trim());
  if (match?.groups === undefined) {
    const text = normaliseKey([fact.value, fact.unit ?? ""].join(" "));
    return { key: text.replace(/[^\p{L}\p{N} ]/gu, ""), converted: false };
  }
  const { currency = "", number = "0", scale = "", percent = "" } = match.groups;
  let amount = Number(number.replace(/,/g, "").replace("−", "-"));
  amount *= SCALES[scale.toLowerCase()] ?? 1;
  const unit = normaliseKey(fact.unit ?? "");
  const metres = METRES[unit];
  if (metres !== undefined)
    return { amount: amount * metres, key: "length", converted: metres !== 1000 && metres !== 1 };
  const key = [currency, percent === "" ? "" : "%", unit].join("|");
  return { amount, key, converted: false };
}

function sameValue(a: Reading, b: Reading): boolean {
  if (a.key !== b.key) return false;
  if (a.amount === undefined || b.amount === undefined) return a.amount === b.amount;
  if (a.amount === b.amount) return true;
  if (!a.converted && !b.converted) return false;
  return (
    Math.abs(a.amount - b.amount) <=
    CONVERTED_TOLERANCE * Math.max(Math.abs(a.amount), Math.abs(b.amount))
  );
}

/**
 * Subjects and attributes on which two articles disagree: one puts a border at 959 km, another
 * at 909 km. Subjects and attributes are compared without case or spacing; quantities as numbers
 * in their unit (2,775 km = 2775 km, $7 billion = $7bn, lengths across km, m, miles and feet).
 * Each conflict lists every fact on that subject and attribute, in the order given.
 */
export function findConflicts(facts: readonly Fact[]): FactConflict[] {
  return runSteps(findConflictsSteps(facts));
}

/** Facts looked at between turns: 100,000 passages have about 90,000 extracted facts. */
const STEP_FACTS = 2_000;

/** `findConflicts` in steps, for a build that gives answers a turn now and then. */
export function* findConflictsSteps(facts: readonly Fact[]): Steps<FactConflict[]> {
  const groups = new Map<string, Fact[]>();
  let n = 0;
  for (const fact of facts) {
    const key = groupKeyOf(fact);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [fact]);
    else group.push(fact);
    if (++n % STEP_FACTS === 0) yield;
  }
  const conflicts: FactConflict[] = [];
  n = 0;
  for (const group of groups.values()) {
    n += group.length;
    if (n >= STEP_FACTS) {
      n = 0;
      yield;
    }
    if (group.length < 2 || !disagree(group)) continue;
    const first = group[0] as Fact;
    conflicts.push({ subject: first.subject, attribute: first.attribute, facts: group });
  }
  return conflicts;
}

/** What a change did to the facts: the lists before and after, and the facts gone and new. */
export interface FactChange {
  before: readonly Fact[];
  after: readonly Fact[];
  removed: readonly Fact[];
  /** In knowledge order; each article's facts all new or all kept. */
  added: readonly Fact[];
  /** Each article's place in the knowledge after the change. */
  articleOrder: ReadonlyMap<string, number>;
}

/**
 * `findConflictsSteps(change.after)` given the conflicts before the change: only the groups of
 * the facts it removed or added are looked at again, and the conflicts come in the same order,
 * with the same facts, as finding them all anew gives. The facts by group are kept from change
 * to change (see `lastGroups`); the first change gathers them.
 */
export function* changeConflictsSteps(
  before: readonly FactConflict[],
  change: FactChange,
): Steps<readonly FactConflict[]> {
  const { groups, ordinals } = yield* groupsOfSteps(change.before);
  lastGroups = undefined;
  const removed = new Set(change.removed);
  for (const fact of removed) ordinals.delete(fact);
  const added = new Map<string, Fact[]>();
  change.added.forEach((fact, i) => {
    // Facts of one article are all of one change: their place among it orders them.
    ordinals.set(fact, i);
    const key = groupKeyOf(fact);
    const list = added.get(key);
    if (list === undefined) added.set(key, [fact]);
    else list.push(fact);
  });
  const touched = new Set([...change.removed.map(groupKeyOf), ...added.keys()]);
  const { articleOrder } = change;
  const rank = (f: Fact) => (f.origin === "curated" ? -1 : (articleOrder.get(f.article) ?? -1));
  const compareFacts = (a: Fact, b: Fact) =>
    rank(a) - rank(b) || (ordinals.get(a) ?? 0) - (ordinals.get(b) ?? 0);
  const changed: FactConflict[] = [];
  for (const key of touched) {
    const kept = (groups.get(key) ?? []).filter((f) => !removed.has(f));
    const group = mergeSorted(kept, added.get(key) ?? [], compareFacts);
    if (group.length === 0) groups.delete(key);
    else groups.set(key, group);
    if (group.length < 2 || !disagree(group)) continue;
    const first = group[0] as Fact;
    changed.push({ subject: first.subject, attribute: first.attribute, facts: group });
  }
  lastGroups = { facts: change.after, groups, ordinals };
  const kept = before.filter((c) => !touched.has(groupKeyOf(c.facts[0] as Fact)));
  // The same list when no disagreement changed (most articles bring none): what is worked out
  // from it once per list (see answer/compose.ts) then serves on.
  if (changed.length === 0 && kept.length === before.length) return before;
  const firstOf = (c: FactConflict) => c.facts[0] as Fact;
  changed.sort((a, b) => compareFacts(firstOf(a), firstOf(b)));
  return mergeSorted(kept, changed, (a, b) => compareFacts(firstOf(a), firstOf(b)));
}

/**
 * The facts of one list by group, in order, as the last build or change left them: a change
 * takes them over for its own list, so the next change starts from them. Valid for `facts` only.
 */
let lastGroups: FactGroups | undefined;

interface FactGroups {
  facts: readonly Fact[];
  groups: Map<string, Fact[]>;
  /**
   * Each fact's place among the facts it was gathered or added with (see `compareFacts`). A
   * map, not a weak one: a weak map of every fact lengthens the collector's pauses.
   */
  ordinals: Map<Fact, number>;
}

function* groupsOfSteps(facts: readonly Fact[]): Steps<FactGroups> {
  if (lastGroups?.facts === facts) return lastGroups;
  const groups = new Map<string, Fact[]>();
  const ordinals = new Map<Fact, number>();
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i] as Fact;
    ordinals.set(fact, i);
    const key = groupKeyOf(fact);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [fact]);
    else group.push(fact);
    if ((i + 1) % STEP_FACTS === 0) yield;
  }
  return { facts, groups, ordinals };
}

/** Two lists each in order as one in order; of equals, `a`'s first. */
function mergeSorted<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  if (b.length === 0) return [...a];
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && compare(a[i] as T, b[j] as T) <= 0))
      out.push(a[i++] as T);
    else out.push(b[j++] as T);
  }
  return out;
}

/**
 * Each fact's subject-and-attribute key, worked out once per fact: an index grown article by
 * article looks for conflicts among every fact after each change, and normalising 90,000
 * subjects and attributes each time was most of what adding an article cost.
 */
const groupKeys = new WeakMap<Fact, string>();

const factReadings = new WeakMap<Fact, Reading>();

/** `readValue`, once per fact (see `groupKeys`). */
function readingOf(fact: Fact): Reading {
  let reading = factReadings.get(fact);
  if (reading === undefined) {
    reading = readValue(fact);
    factReadings.set(fact, reading);
  }
  return reading;
}

function groupKeyOf(fact: Fact): string {
  let key = groupKeys.get(fact);
  if (key === undefined) {
    key = `${normaliseKey(fact.subject)}\0${normaliseKey(fact.attribute)}`;
    groupKeys.set(fact, key);
  }
  return key;
}

/**
 * Whether two facts from different articles give different values. Without converted units,
 * that is exactly "at least two values and at least two articles" (any fact of a second
 * article differs from one of two facts that differ), so big groups cost one pass.
 */
function disagree(group: readonly Fact[]): boolean {
  const readings = group.map(readingOf);
  if (readings.every((r) => !r.converted)) {
    const values = new Set(readings.map((r) => `${r.key}\0${r.amount ?? ""}`));
    const articles = new Set(group.map((f) => f.article));
    return values.size >= 2 && articles.size >= 2;
  }
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) {
      if ((group[i] as Fact).article === (group[j] as Fact).article) continue;
      if (!sameValue(readings[i] as Reading, readings[j] as Reading)) return true;
    }
  }
  return false;
}
