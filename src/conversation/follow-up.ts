import { extractTerms, type TermToken } from "../text/terms.ts";
import { tokenize } from "../text/tokenize.ts";

/** Words that open a follow-up: "and how long is it?", "what about Chabahar?". */
const LEADS = new Set(["and", "also", "but", "so", "then", "plus"]);
const LEAD_PAIRS = new Set(["what about", "how about", "and what", "and how"]);
/** Words that point back at something said before. */
const POINTERS = new Set(
  "it its it's itself they them their theirs that those this these he him his she her there".split(
    " ",
  ),
);
/** The word after "how" asks for a kind of answer ("how long"): it is not the subject. */
const ASKING_AFTER_HOW = new Set(
  "many much long far old big large tall high often soon wide deep".split(" "),
);

export interface FollowUpOptions {
  /** A question with a pointer word and at most this many words reads as a follow-up. */
  maxPointingWords: number;
}

export const DEFAULT_FOLLOW_UP_OPTIONS: Readonly<FollowUpOptions> = { maxPointingWords: 8 };

/**
 * Whether `question` leans on an earlier one: it names nothing of its own ("how long?"), opens
 * like a follow-up ("and…", "what about…"), or is short and points back ("when was it built?").
 * A short question that names its own subject ("Chabahar port") stands alone.
 */
export function isFollowUp(
  question: string,
  options: FollowUpOptions = DEFAULT_FOLLOW_UP_OPTIONS,
): boolean {
  const words = tokenize(question).map((t) => t.word);
  const [first = "", second = ""] = words;
  if (words.length === 0) return false;
  if (subjectTerms(question).length === 0) return true;
  if (LEADS.has(first) || LEAD_PAIRS.has(`${first} ${second}`)) return true;
  return words.length <= options.maxPointingWords && words.some((w) => POINTERS.has(w));
}

/** A text's informative terms without the word that asks for a kind of answer ("how long"). */
function subjectTerms(text: string): TermToken[] {
  const tokens = tokenize(text);
  const asking = new Set<number>();
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.word === "how" && next && ASKING_AFTER_HOW.has(next.word)) asking.add(next.start);
  });
  return extractTerms(text).filter((t) => !asking.has(t.start));
}

/**
 * The earlier question's subject that a follow-up lacks: its informative words (as the earlier
 * question spelt them) whose terms the follow-up does not have, without the word after "how".
 */
export function carriedSubject(followUp: string, earlier: string): string[] {
  const own = new Set(extractTerms(followUp).map((t) => t.term));
  const carried: string[] = [];
  for (const t of subjectTerms(earlier)) {
    if (own.has(t.term)) continue;
    own.add(t.term);
    carried.push(earlier.slice(t.start, t.end));
  }
  return carried;
}

/**
 * The question to answer for `question` asked after `earlier` in the same conversation: a
 * follow-up gets the earlier subject in brackets ("and how long is it? (gas pipeline)"), which
 * the search reads and the reader sees; anything else is answered as asked.
 */
export function readInContext(question: string, earlier: string | undefined): string {
  if (earlier === undefined || !isFollowUp(question)) return question;
  const carried = carriedSubject(question, earlier);
  return carried.length === 0 ? question : `${question} (${carried.join(" ")})`;
}
