/**
 * What kind of value a question asks for, read from how it asks. "How much … cost" wants money,
 * "How long/far" a length or a duration, "How many" a count (not a length or a sum of money):
 * a cost question is never answered with a length.
 */
export type AnswerType = "person" | "time" | "money" | "extent" | "count" | "quantity";

const MONEY_WORDS =
  "cost|costs|costing|price|priced|worth|spend|spent|invest|invested|investment|pay|paid|fund|funded|funding|budget|loan|sum";
const LENGTH_UNITS = "km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|foot|ft";

const ASKS: readonly [RegExp, AnswerType][] = [
  [/\b(when|what (year|date|century|decade|month)|which (year|date|century|decade))\b/i, "time"],
  [new RegExp(`\\bhow much\\b.*\\b(${MONEY_WORDS})\\b|\\bwhat (${MONEY_WORDS})\\b`, "i"), "money"],
  [new RegExp(`\\bhow (long|far)\\b|\\bhow many (${LENGTH_UNITS})\\b`, "i"), "extent"],
  [/\bhow many\b/i, "count"],
  [/\b(how (much|old|big|large|tall|high)|what (percentage|number|amount|size))\b/i, "quantity"],
  [/\b(who|whom|whose)\b/i, "person"],
];

/** The value a question expects, when its wording says: "When…" a time, "Who…" a person. */
export function expectedAnswerType(question: string): AnswerType | undefined {
  return ASKS.find(([pattern]) => pattern.test(question))?.[1];
}

const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;
const MONEY = /[$£€¥₹]|\b(?:Rs\.?|US\$|dollars?|rupees?|rials?|euros?|pounds?|yuan|USD|PKR|IRR)\b/i;
const LENGTH = new RegExp(`\\d\\s*(?:${LENGTH_UNITS})\\b`, "i");
const DURATION = /\d\s*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries)\b/i;

/** A bare year ("2023"): a date, not an amount. */
const YEAR = /^\d{4}s?$/;

/** Whether a fact's value (with its unit: "959 km") is of the type asked. */
export function valueHasType(value: string, type: AnswerType): boolean {
  if (type !== "time" && type !== "person" && YEAR.test(value.trim())) return false;
  switch (type) {
    case "time":
      if (MONEY.test(value) || LENGTH.test(value)) return false;
      return /\b\d{3,4}s?\b|\b\d+(st|nd|rd|th) century\b/i.test(value) || MONTH.test(value);
    case "money":
      return /\d/.test(value) && MONEY.test(value);
    case "extent":
      return LENGTH.test(value) || DURATION.test(value);
    case "count":
      return /\d/.test(value) && !MONEY.test(value) && !LENGTH.test(value);
    case "quantity":
      return /\d/.test(value);
    case "person":
      return /\p{Lu}[\p{L}'’.-]+\s+\p{Lu}[\p{L}'’.-]+/u.test(value);
  }
}
