import type { Candidate } from "./candidate.ts";
import type { SentenceView } from "./context.ts";
import { FRONTING, HEAD_TITLES, MONTHS, ROLE_NOUNS, TITLE_MODIFIERS, VERBS } from "./lexicon.ts";
import { isCapitalised, isClauseBreak, type Word, wordsOf } from "./words.ts";

const MONTH_NAMES = new Set(MONTHS.split("|"));
const REGNAL = /^(?:[IVX]+|Jr|Sr)$/;
const MAX_NAME_WORDS = 4;

// Most sentences name no title: one scan rules them out before any word is looked at.
const ANY_HEAD_TITLE = new RegExp(`\\b(?:${[...HEAD_TITLES].join("|")})\\b`);
const ANY_ROLE_NOUN = new RegExp(`\\b(?:${[...ROLE_NOUNS].join("|")})\\b`);

const isTitle = (word: string) => HEAD_TITLES.has(word) || TITLE_MODIFIERS.has(word);

function joined(text: string, a: Word, b: Word): boolean {
  if (text.slice(a.end, b.start) !== " ") return false;
  return !isClauseBreak(text, a.end);
}

function isNameWord(word: string): boolean {
  return (
    isCapitalised(word) &&
    !isTitle(word) &&
    !MONTH_NAMES.has(word) &&
    !/[’']s$/.test(word) &&
    /^\p{Lu}[\p{L}’'-]*$/u.test(word)
  );
}

/**
 * Titles before names: "Foreign Minister Javad Zarif" (Javad Zarif, role: Foreign Minister),
 * "Pakistan’s Army Chief General Qamar Javed Bajwa", "Iran’s Chief of Staff Mohammad Baqeri".
 */
export function findTitledPeople(view: SentenceView): Candidate[] {
  const { text } = view;
  if (!ANY_HEAD_TITLE.test(text)) return [];
  const words = wordsOf(text);
  const out: Candidate[] = [];
  let i = 0;
  while (i < words.length) {
    const first = words[i] as Word;
    if (!isTitle(first.text)) {
      i++;
      continue;
    }
    let j = i;
    let head = false;
    // The title run: title words, and "of" between two of them ("Chief of Staff").
    while (j < words.length) {
      const word = words[j] as Word;
      const prev = words[j - 1];
      if (j > i && prev !== undefined && !joined(text, prev, word)) break;
      if (isTitle(word.text)) head ||= HEAD_TITLES.has(word.text);
      else if (word.text === "of" && isTitle(words[j + 1]?.text ?? "")) {
        // part of the title
      } else break;
      j++;
    }
    let k = j;
    while (k < words.length && k - j < MAX_NAME_WORDS) {
      const word = words[k] as Word;
      const prev = words[k - 1] as Word;
      if (!joined(text, prev, word)) break;
      if (!isNameWord(word.text) && !(k > j && REGNAL.test(word.text))) break;
      k++;
    }
    const lastTitle = words[j - 1];
    const firstName = words[j];
    const lastName = words[k - 1];
    if (head && k > j && lastTitle && firstName && lastName) {
      const before = words[i - 1];
      const owner =
        before !== undefined &&
        /[’']s$/.test(before.text) &&
        isCapitalised(before.text) &&
        joined(text, before, first)
          ? before
          : undefined;
      const valueStart = (owner ?? first).start;
      out.push({
        kind: "role",
        attribute: "role",
        value: text.slice(valueStart, lastTitle.end),
        subject: text.slice(firstName.start, lastName.end),
        start: valueStart,
        end: lastTitle.end,
        spanStart: valueStart,
        spanEnd: lastName.end,
      });
    }
    i = Math.max(k, i + 1);
  }
  return out;
}

const APPOSITIVE =
  /(?<name>\p{Lu}[\p{L}’'-]*(?:\s(?:\p{Lu}[\p{L}’'-]*|of|de|al|bin|von|van))*),\s(?<role>(?:the|a|an|\p{Lu}[\p{L}-]*[’']s)\s[^,.;:()“”"]{2,90}?)(?=[,;)]|\.(?:\s|$)|$)/gu;
const MAX_ROLE_WORDS = 12;

/** Appositive roles: "Reza Hashemi, the country's ambassador in Islamabad, said …". */
export function findAppositiveRoles(view: SentenceView): Candidate[] {
  const out: Candidate[] = [];
  if (!view.text.includes(", ") || !ANY_ROLE_NOUN.test(view.text)) return out;
  for (const match of view.text.matchAll(APPOSITIVE)) {
    const name = match.groups?.name ?? "";
    const role = match.groups?.role ?? "";
    const roleWords = role.split(/\s+/);
    if (roleWords.length > MAX_ROLE_WORDS) continue;
    if (!roleWords.some((w) => ROLE_NOUNS.has(w.toLowerCase()) && !isCapitalised(w))) continue;
    if (roleWords.some((w) => VERBS.has(w) || /^[a-z]{3,}ed$/.test(w))) continue;
    const nameWords = name.split(/\s+/).filter((w) => isCapitalised(w));
    if (FRONTING.has((nameWords[0] ?? "").toLowerCase())) continue;
    if (nameWords.length === 0 || nameWords.every((w) => isTitle(w))) continue;
    const start = match.index + name.length + 2;
    out.push({
      kind: "role",
      attribute: "role",
      value: role,
      subject: name,
      start,
      end: start + role.length,
      spanStart: match.index,
      spanEnd: start + role.length,
    });
  }
  return out;
}
