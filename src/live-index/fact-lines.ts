import type { Fact, FactOrigin } from "../knowledge/types.ts";

/**
 * Facts as a line of parsed knowledge: each of their short strings once, in a table, and the
 * facts pointing into it. Read back, every fact shares the table's strings with no lookups: at
 * 100,000 passages, sharing the 87,000 facts' strings through a map took 160 to 210 ms of a
 * one-second start (measured), and without sharing each fact kept copies of its own.
 *
 * A quote that its passage holds verbatim (an extracted fact's always does) is written as where
 * it stands there, and read back as a slice of the passage's text: at 100,000 passages the quotes
 * were 10 MB of the file's 20 MB of facts, parsed into strings at every start only to be
 * searched for in their passages and dropped.
 */
export interface FactsLine {
  strings: string[];
  /** Per fact: `[id, quote, paragraph, line, ...string indexes]`, see PackedFact. */
  facts: PackedFact[];
}

/** A quote as its own text, or as `[start, length]` in its passage's text. */
type PackedQuote = string | [number, number];

/**
 * `[id, quote, paragraph, line, origin, subject, attribute, value, unit, asOf, article, file,
 * tags]`: ids and quotes are the fact's own; the rest index `strings`, -1 for an absent unit or
 * date.
 */
type PackedFact = [
  string,
  PackedQuote,
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

/** The text of the passage a fact quotes (its article's paragraph), if there is one. */
export type PassageTextOf = (article: string, paragraph: number) => string | undefined;

export function packFacts(facts: readonly Fact[], passageTextOf: PassageTextOf): FactsLine {
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
  const packQuote = (f: Fact): PackedQuote => {
    const start = passageTextOf(f.article, f.paragraph)?.indexOf(f.quote) ?? -1;
    return start === -1 ? f.quote : [start, f.quote.length];
  };
  return {
    strings,
    facts: facts.map((f) => [
      f.id,
      packQuote(f),
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

/**
 * The facts of a line, their quotes slices of their passages' texts where they were written as
 * positions; undefined when it points outside its table or a passage (a damaged file).
 */
export function unpackFacts(line: FactsLine, passageTextOf: PassageTextOf): Fact[] | undefined {
  const { strings } = line;
  let damaged = false;
  const text = (i: number): string => {
    const s = strings[i];
    if (s === undefined) damaged = true;
    return s ?? "";
  };
  const quoteOf = (quote: PackedQuote, article: string, paragraph: number): string => {
    if (typeof quote === "string") return quote;
    const [start, length] = quote;
    const passage = passageTextOf(article, paragraph);
    if (passage === undefined || start + length > passage.length) damaged = true;
    return passage?.slice(start, start + length) ?? "";
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
    ]): Fact => {
      const articleId = text(article);
      // One literal, the optional fields set after: spreading them into it takes V8's slow
      // path, for 87,000 facts at every start.
      const fact: Fact = {
        id,
        origin: text(origin) as FactOrigin,
        subject: text(subject),
        attribute: text(attribute),
        value: text(value),
        article: articleId,
        paragraph,
        quote: quoteOf(quote, articleId, paragraph),
        tags: tags.map(text),
        file: text(file),
        line: lineNo,
      };
      if (unit !== -1) fact.unit = text(unit);
      if (asOf !== -1) fact.asOf = text(asOf);
      return fact;
    },
  );
  return damaged ? undefined : facts;
}
