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

/**
 * `findConflictsSteps(facts)` given the conflicts of the facts before a change and the facts
 * the change removed or added: only their subjects and attributes are looked at again, and
 * the conflicts come in the same order, with the same facts, as finding them all anew gives.
 */
export function* updateConflictsSteps(
  before: readonly FactConflict[],
  facts: readonly Fact[],
  changed: readonly Fact[],
): Steps<FactConflict[]> {
  const touched = new Set(changed.map(groupKeyOf));
  const kept = new Map<string, FactConflict>();
  for (const conflict of before) {
    const key = groupKeyOf(conflict.facts[0] as Fact);
    if (!touched.has(key)) kept.set(key, conflict);
  }
  const groups = new Map<string, Fact[]>();
  const order: string[] = [];
  const seen = new Set<string>();
  let n = 0;
  for (const fact of facts) {
    const key = groupKeyOf(fact);
    if (!seen.has(key)) {
      seen.add(key);
      if (kept.has(key) || touched.has(key)) order.push(key);
    }
    if (touched.has(key)) {
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [fact]);
      else group.push(fact);
    }
    if (++n % STEP_FACTS === 0) yield;
  }
  const conflicts: FactConflict[] = [];
  for (const key of order) {
    const known = kept.get(key);
    if (known !== undefined) {
      conflicts.push(known);
      continue;
    }
    const group = groups.get(key) ?? [];
    if (group.length < 2 || !disagree(group)) continue;
    const first = group[0] as Fact;
    conflicts.push({ subject: first.subject, attribute: first.attribute, facts: group });
  }
  return conflicts;
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
