import { NUMBER_WORD_VALUES } from "../../text/word-forms.ts";

/**
 * The small closed word lists the extraction patterns lean on. Open classes (nouns, names) are
 * recognised by shape (capitals, plurals, digits) instead, so that unseen text still works.
 */

const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

export const MONTHS =
  "January|February|March|April|May|June|July|August|September|October|November|December";

/** Number words, so that "a two-day trip" and "seven metropolitan areas" carry numbers too. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  ...NUMBER_WORD_VALUES,
  hundred: 100,
};

/** Scale words after a number: "12 million", "£1.3bn", "$34m". */
export const SCALE = "million|billion|trillion|thousand|bn|mn|m|k|crore|lakh";

export type Dimension =
  | "length"
  | "area"
  | "volume"
  | "flow"
  | "temperature"
  | "weight"
  | "duration"
  | "power"
  | "frequency"
  | "speed"
  | "data rate";

/** Units of measure, longest spelling first within each dimension (the regex takes the first). */
export const UNITS: ReadonlyArray<readonly [Dimension, string]> = [
  [
    "flow",
    "(?:cubic feet|cubic metres|cubic meters|barrels|tonnes|tons|litres|liters|gallons)(?: a| per) (?:day|year|hour)",
  ],
  [
    "area",
    "square (?:kilometres|kilometers|km|miles|metres|meters|feet)|sq\\.? ?(?:km|mi|ft|m)|km2|km²|m2|m²|hectares|acres",
  ],
  ["volume", "cubic (?:kilometres|kilometers|metres|meters|feet)|litres|liters|gallons|barrels"],
  [
    "length",
    "kilometres|kilometers|kilometre|kilometer|km|miles|mile|metres|meters|metre|meter|mm|cm|m|feet|ft|foot|inches|nautical miles",
  ],
  ["temperature", "°C|°F|° C|° F|degrees(?: Celsius| Fahrenheit| C| F)?"],
  ["weight", "tonnes|tons|tonne|ton|kilograms|kg|grams|g|pounds|lb|ounces|oz"],
  ["duration", "years|year|months|month|weeks|week|days|day|hours|hour|minutes|decades|centuries"],
  ["power", "MW|GW|kW|megawatts|gigawatts|kilowatts"],
  ["frequency", "GHz|MHz|kHz|Hz"],
  ["speed", "km/h|mph|knots"],
  ["data rate", "Mbit/s|Gbit/s|Mbps|Gbps|kbps"],
];

/** Currency marks written before the number, and currency words written after it. */
export const CURRENCY_BEFORE = "US\\$|A\\$|C\\$|NZ\\$|HK\\$|\\$|£|€|¥|₹|Rs\\.? ?|USD ?|EUR ?|GBP ?";
export const CURRENCY_AFTER =
  "dollars|pounds sterling|pounds|euros|rupees|rials|yuan|yen|francs|marks";

/** Title words that can stand before a name on their own: "President Hassan Rouhani". */
export const HEAD_TITLES = words(`
  President Minister Chief General Commander Admiral Marshal Colonel Captain Lieutenant Major
  Sergeant Leader King Queen Prince Princess Duke Duchess Count Countess Earl Baron Lord Lady Sir
  Emperor Empress Pope Bishop Archbishop Cardinal Abbot Senator Governor Mayor Ambassador
  Secretary Chairman Chairwoman Chancellor Premier Sultan Caliph Shah Ayatollah Imam Sheikh
  Emir Judge Justice Speaker Spokesman Spokeswoman Director Professor CEO Commissioner Consul
  Envoy Tsar Czar Patriarch PM`);

/** Words that qualify a title but are no title alone: "Foreign Minister", "Army Chief". */
export const TITLE_MODIFIERS = words(`
  Prime Foreign Defence Defense Finance Interior Home Army Navy Naval Air Military Supreme Vice
  Deputy Field Grand High Former Acting Chief Executive Staff State Federal Provincial Crown
  Holy Royal Senior Junior First Second Opposition Petroleum Trade Commerce Energy Justice
  Information Education Health Labour Labor Agriculture Water Power Planning Railways`);

/** Lowercase role nouns that make an appositive a role: "X, the country's ambassador in Y". */
export const ROLE_NOUNS = words(`
  ambassador minister president chief leader founder head director commander king queen prince
  princess son daughter wife husband brother sister father mother author member spokesman
  spokeswoman chairman chairwoman secretary governor mayor professor general envoy emperor
  duke count bishop pope owner editor captain coach manager chancellor premier successor
  predecessor heir ruler lord chief-of-staff advisor adviser official officer representative
  senator judge deputy`);

/** Determiners and pronouns: a subject made of these is resolved from the text before it. */
export const PRONOUNS = words(
  "it its they them their he him his she her this these those that we there",
);
export const DETERMINERS = words(
  "the a an this that these those its their his her our such many most some several few each every all both",
);

/** Auxiliaries and common verbs: where a subject's noun phrase ends. */
export const VERBS = words(`
  is are was were be been being has have had will would can could may might must shall should
  do does did became become becomes remained remains remain began begins begin lies lay stands
  stood holds held won wins made makes took takes gave gives came comes went goes saw sees led
  leads left lost sent set put said says told got gets built grew grows knew rose rises fell
  brought bought fought thought sought taught caught ran runs includes include contains contain
  consists comprises covers covered means meant uses used needs needed helps seems appears
  forms formed serves served ranks ranked lets kept keeps hosts hosted sits lies spans extends
  operates operated produces produced offers offered provides provided owns owned`);

/** Words that open a fronted phrase before the subject: "In 1066, …", "Following …, …". */
export const FRONTING = words(`
  in on at by during after before following since from with without despite although though
  when while as under through until towards toward only apart however meanwhile today later
  earlier then also thus therefore reciprocating according because if once unlike like among
  between over around about nevertheless moreover furthermore consequently eventually finally
  initially originally historically traditionally currently recently last except besides for
  within out prior`);

/** Prepositions and particles that end a predicate phrase before a value. */
export const PREPOSITIONS = words(`
  in on at by of for to from since until till into onto over under about around nearly almost
  approximately some than more less up down after before during within between among per as
  with without roughly just only exactly estimated an a the its their his her this that some
  least most upwards`);

/** Words too common to be topic tags. */
export const STOP_WORDS = words(`
  a about above after again against all also although am an and any are as at be because been
  before being below between both but by can could did do does doing down during each few for
  from further had has have having he her here hers him his how i if in into is it its itself
  just me more most my no nor not now of off on once only or other our out over own same she
  should so some such than that the their them then there these they this those through to too
  under until up very was we were what when where which while who whom why will with would you
  your yet however since upon within without whose while among many much several another
  first second third last later earlier known called one two three four five six seven eight
  nine ten hundred thousand million billion year years day days month months week weeks
  including include includes included per around nearly almost over new well became become`);

/** Words that, joined to capitalised words, still belong to one name: "Duke William II of Normandy". */
export const NAME_JOINERS = words("of de du da di von van der al bin la le the and");
