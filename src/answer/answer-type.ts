/** What kind of value a question asks for, read from how it asks. */
export type AnswerType = "person" | "time" | "quantity";

const ASKS: readonly [RegExp, AnswerType][] = [
  [/\b(when|what (year|date|century|decade|month)|which (year|date|century|decade))\b/i, "time"],
  [
    /\b(how (many|much|long|far|old|big|large|tall|high)|what (percentage|number|amount|size))\b/i,
    "quantity",
  ],
  [/\b(who|whom|whose)\b/i, "person"],
];

/** The value a question expects, when its wording says: "When…" a time, "Who…" a person. */
export function expectedAnswerType(question: string): AnswerType | undefined {
  return ASKS.find(([pattern]) => pattern.test(question))?.[1];
}

const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

/** Whether a fact's value is of the type asked: a year or date, a number, a name. */
export function valueHasType(value: string, type: AnswerType): boolean {
  switch (type) {
    case "time":
      return /\b\d{3,4}s?\b|\b\d+(st|nd|rd|th) century\b/i.test(value) || MONTH.test(value);
    case "quantity":
      return /\d/.test(value);
    case "person":
      return /\p{Lu}[\p{L}'’.-]+\s+\p{Lu}[\p{L}'’.-]+/u.test(value);
  }
}
