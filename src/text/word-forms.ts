import { stem } from "./stem.ts";

/**
 * Forms of the same word that articles and questions use interchangeably: units written out or
 * abbreviated, British and American spellings, numbers in words. Each folds to one term, at
 * index and query time alike (see `terms.ts`), so "in km" finds "1,900 kilometres".
 */

/**
 * The one table of units: each unit's term, then every way it is written. "m" is missing on
 * purpose: it is a metre after a plain number ("14 m deep") and a million after an amount of
 * money ("$5m"), so the term pipeline decides it from the words before (see `terms.ts`).
 * "per cent" is two words, also read there.
 */
const UNITS: Readonly<Record<string, readonly string[]>> = {
  km: ["km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"],
  metre: ["metre", "metres", "meter", "meters"],
  mile: ["mi", "mile", "miles"],
  foot: ["ft", "foot", "feet"],
  kg: ["kg", "kgs", "kilogram", "kilograms", "kilogramme", "kilogrammes"],
  megawatt: ["mw", "megawatt", "megawatts"],
  percent: ["%", "percent", "percentage", "percentages"],
  dollar: ["$", "usd", "dollar", "dollars"],
  euro: ["€", "eur", "euro", "euros"],
  rupee: ["rs", "pkr", "rupee", "rupees"],
  billion: ["bn", "bln", "billion", "billions"],
  million: ["mn", "mln", "million", "millions"],
};

/** The unit that a plain number followed by "m" is. */
export const METRE_TERM = "metre";
/** The unit that an amount of money followed by "m" is. */
export const MILLION_TERM = "million";
/** What "per cent" is read as. */
export const PERCENT_TERM = "percent";
/** Terms of money: after one of them and a number, "m" is a million. */
export const CURRENCY_TERMS: ReadonlySet<string> = new Set(["dollar", "euro", "rupee"]);

const UNIT_BY_FORM = new Map(
  Object.entries(UNITS).flatMap(([term, forms]) => forms.map((form) => [form, term] as const)),
);

/** The unit term of a (folded) word, if it is a way of writing a unit. */
export function unitTermOf(word: string): string | undefined {
  return UNIT_BY_FORM.get(word);
}

/**
 * British spellings beside the American ones, as whole words: each pair teaches the stemmer's
 * output for one ("recognis") to stand for the other's ("recogniz"), so every inflection
 * ("recognised", "recognising") follows. A list, not a rule: "-ise" → "-ize" would also turn
 * "rise", "wise" and "exercise" into words that don't exist. Folded to the American form
 * because the stemmer keeps that form's family together ("programmed" is "program").
 */
const BRITISH_SPELLINGS: readonly (readonly [british: string, american: string])[] = [
  ["recognise", "recognize"],
  ["organise", "organize"],
  ["organisation", "organization"],
  ["organiser", "organizer"],
  ["realise", "realize"],
  ["apologise", "apologize"],
  ["criticise", "criticize"],
  ["emphasise", "emphasize"],
  ["summarise", "summarize"],
  ["authorise", "authorize"],
  ["authorisation", "authorization"],
  ["privatise", "privatize"],
  ["privatisation", "privatization"],
  ["modernise", "modernize"],
  ["modernisation", "modernization"],
  ["mobilise", "mobilize"],
  ["mobilisation", "mobilization"],
  ["normalise", "normalize"],
  ["normalisation", "normalization"],
  ["stabilise", "stabilize"],
  ["stabilisation", "stabilization"],
  ["prioritise", "prioritize"],
  ["utilise", "utilize"],
  ["finalise", "finalize"],
  ["legalise", "legalize"],
  ["militarise", "militarize"],
  ["militarisation", "militarization"],
  ["characterise", "characterize"],
  ["specialise", "specialize"],
  ["civilisation", "civilization"],
  ["colonise", "colonize"],
  ["colonisation", "colonization"],
  ["globalisation", "globalization"],
  ["industrialisation", "industrialization"],
  ["nationalise", "nationalize"],
  ["nationalisation", "nationalization"],
  ["centralise", "centralize"],
  ["neutralise", "neutralize"],
  ["jeopardise", "jeopardize"],
  ["sympathise", "sympathize"],
  ["capitalise", "capitalize"],
  ["minimise", "minimize"],
  ["maximise", "maximize"],
  ["harmonise", "harmonize"],
  ["analyse", "analyze"],
  ["paralyse", "paralyze"],
  ["programme", "program"],
  ["defence", "defense"],
  ["offence", "offense"],
  ["licence", "license"],
  ["practise", "practice"],
  ["centre", "center"],
  ["theatre", "theater"],
  ["litre", "liter"],
  ["fibre", "fiber"],
  ["calibre", "caliber"],
  ["labour", "labor"],
  ["labourer", "laborer"],
  ["favour", "favor"],
  ["favourite", "favorite"],
  ["favourable", "favorable"],
  ["honour", "honor"],
  ["colour", "color"],
  ["neighbour", "neighbor"],
  ["neighbourhood", "neighborhood"],
  ["behaviour", "behavior"],
  ["harbour", "harbor"],
  ["endeavour", "endeavor"],
  ["rumour", "rumor"],
  ["vigour", "vigor"],
  ["armour", "armor"],
  ["flavour", "flavor"],
  ["humour", "humor"],
  ["saviour", "savior"],
  ["travelled", "traveled"],
  ["traveller", "traveler"],
  ["cancelled", "canceled"],
  ["labelled", "labeled"],
  ["modelled", "modeled"],
  ["fuelled", "fueled"],
  ["signalled", "signaled"],
  ["levelled", "leveled"],
  ["counselling", "counseling"],
  ["jewellery", "jewelry"],
  ["catalogue", "catalog"],
  ["analogue", "analog"],
  ["grey", "gray"],
  ["aluminium", "aluminum"],
  ["manoeuvre", "maneuver"],
  ["enrol", "enroll"],
  ["fulfil", "fulfill"],
  ["instalment", "installment"],
  ["skilful", "skillful"],
  ["sceptical", "skeptical"],
  ["mould", "mold"],
  ["plough", "plow"],
  ["judgement", "judgment"],
  ["acknowledgement", "acknowledgment"],
  ["ageing", "aging"],
  ["towards", "toward"],
];

const AMERICAN_BY_BRITISH_STEM = new Map(
  BRITISH_SPELLINGS.map(([british, american]) => [stem(british), stem(american)] as const).filter(
    ([british, american]) => british !== american,
  ),
);

/** A stem in one spelling: the American one's for a British one ("recognis" → "recogniz"). */
export function foldSpelling(stemmed: string): string {
  return AMERICAN_BY_BRITISH_STEM.get(stemmed) ?? stemmed;
}

/**
 * Whether some of the unit term's forms do not start with it ("kilometres" for "km"): finding
 * them in a text means reading its every word.
 */
export function isUnitTerm(term: string): boolean {
  return UNIT_TERMS.has(term);
}

const UNIT_TERMS: ReadonlySet<string> = new Set(Object.keys(UNITS));

/** The British stems that a term is the American spelling of ("recognis" for "recogniz"). */
export function britishStemsOf(term: string): readonly string[] {
  return BRITISH_STEMS_BY_AMERICAN.get(term) ?? [];
}

const BRITISH_STEMS_BY_AMERICAN = new Map<string, string[]>();
for (const [british, american] of AMERICAN_BY_BRITISH_STEM) {
  const stems = BRITISH_STEMS_BY_AMERICAN.get(american);
  if (stems === undefined) BRITISH_STEMS_BY_AMERICAN.set(american, [british]);
  else stems.push(british);
}

/** Number words below a hundred that are one word; the fact extractor reads them too. */
export const NUMBER_WORD_VALUES: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/**
 * Multipliers folded into the number. "Million" and "billion" are not: news writes "$1.2
 * billion", so "one billion" is read as "1" and "billion", which is how the digits read.
 */
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ["hundred", 100],
  ["thousand", 1000],
]);

/** A map, not the record: a word such as "constructor" must not find an inherited property. */
const NUMBER_VALUES: ReadonlyMap<string, number> = new Map(Object.entries(NUMBER_WORD_VALUES));

/** Every word that a run of number words may take ("and" only inside one). */
export const NUMBER_RUN_WORDS: ReadonlySet<string> = new Set([
  ...NUMBER_VALUES.keys(),
  ...MULTIPLIERS.keys(),
  "and",
]);

/** Longer runs of number words are read as several numbers: no input makes one huge. */
const MAX_NUMBER_WORDS = 8;

/**
 * Reads a run of number words ("two hundred and fifty", "ten", "twelve thousand") into its
 * value, a word at a time. Bounded: at most `MAX_NUMBER_WORDS` words, values below a million.
 */
export class NumberWords {
  private total = 0;
  private current = 0;
  private words = 0;
  /** The run's words: "one" alone is a pronoun far more often than a number. */
  private onlyOne = true;
  start = 0;
  end = 0;

  get isEmpty(): boolean {
    return this.words === 0;
  }

  /** Adds a word if it continues the run; false when it does not (the run is then ended). */
  add(word: string, start: number, end: number): boolean {
    if (this.words >= MAX_NUMBER_WORDS) return false;
    const one = NUMBER_VALUES.get(word);
    const multiplier = MULTIPLIERS.get(word);
    if (one !== undefined) {
      // "twenty five" continues; "five twenty" is two numbers.
      if (this.current % 100 !== 0 && (this.current % 10 !== 0 || one >= 10)) return false;
      this.current += one;
    } else if (multiplier !== undefined && !this.isEmpty) {
      // "nine hundred nine hundred" is two numbers, not 90,900.
      if (this.current === 0 || (multiplier === 100 ? this.current >= 100 : this.total > 0)) {
        return false;
      }
      if (multiplier === 100) this.current *= 100;
      else {
        this.total += this.current * multiplier;
        this.current = 0;
      }
    } else if (word === "and" && !this.isEmpty) {
      // "two hundred and fifty": "and" continues a run only after a multiplier.
      if (this.current % 100 !== 0 && this.current !== 0) return false;
    } else return false;
    if (this.isEmpty) this.start = start;
    this.end = end;
    this.words++;
    if (word !== "one" && word !== "and") this.onlyOne = false;
    return true;
  }

  /**
   * The run as a term, and starts a new one: digits, or "one" for "one" alone unless a scale
   * follows ("one billion" is "1 billion").
   */
  take(beforeScale: boolean): string {
    const term = this.onlyOne && !beforeScale ? "one" : String(this.total + this.current);
    this.total = 0;
    this.current = 0;
    this.words = 0;
    this.onlyOne = true;
    return term;
  }
}

/** Whether `word` can start a run of number words. */
export function isNumberWord(word: string): boolean {
  return NUMBER_VALUES.has(word);
}
