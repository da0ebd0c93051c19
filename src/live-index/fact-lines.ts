import type { Fact, FactOrigin } from "../knowledge/types.ts";

/**
 * Facts as a line of parsed knowledge: each of their short strings once, in a table, and the
 * facts pointing into it. Read back, every fact shares the table's strings with no lookups: at
 * 100,000 passages, sharing the 87,000 facts' strings through a map took 160 to 210 ms of a
 * one-second start (measured), and without sharing each fact kept copies of its own.
 */
export interface FactsLine {
  strings: string[];
  /** Per fact: `[id, quote, paragraph, line, ...string indexes]`, see PackedFact. */
  facts: PackedFact[];
}

/**
 * `[id, quote, paragraph, line, origin, subject, attribute, value, unit, asOf, article, file,
 * tags]`: ids and quotes are the fact's own (quotes become slices of their passages when read);
 * the rest index `strings`, -1 for an absent unit or date.
 */
type PackedFact = [
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number[],
];

export function packFacts(facts: readonly Fact[]): FactsLine {
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const at = (text: string | undefined): number => {
    if (text === undefined) return -1;
    let i = indexes.get(text);
    if (i === undefined) {
      i = strings.push(text) - 1;
      indexes.set(text, i);
    }
    return i;
  };
  return {
    strings,
    facts: facts.map((f) => [
      f.id,
      f.quote,
      f.paragraph,
      f.line,
      at(f.origin),
      at(f.subject),
      at(f.attribute),
      at(f.value),
      at(f.unit),
      at(f.asOf),
      at(f.article),
      at(f.file),
      f.tags.map(at),
    ]),
  };
}

/** The facts of a line; undefined when it points outside its table (a damaged file). */
export function unpackFacts(line: FactsLine): Fact[] | undefined {
  const { strings } = line;
  let damaged = false;
  const text = (i: number): string => {
    const s = strings[i];
    if (s === undefined) damaged = true;
    return s ?? "";
  };
  const facts = line.facts.map(
    ([
      id,
      quote,
      paragraph,
      lineNo,
      origin,
      subject,
      attribute,
      value,
      unit,
      asOf,
      article,
      file,
      tags,
    ]): Fact => ({
      id,
      origin: text(origin) as FactOrigin,
      subject: text(subject),
      attribute: text(attribute),
      value: text(value),
      ...(unit === -1 ? {} : { unit: text(unit) }),
      ...(asOf === -1 ? {} : { asOf: text(asOf) }),
      article: text(article),
      paragraph,
      quote,
      tags: tags.map(text),
      file: text(file),
      line: lineNo,
    }),
  );
  return damaged ? undefined : facts;
}
