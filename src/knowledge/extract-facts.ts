import { sentenceRanges } from "../text/sentences.ts";
import { runSteps, type Steps } from "../util/cooperative.ts";
import type { Candidate, CandidateKind, PatternFamily } from "./extract/candidate.ts";
import { findSubject, type Mention } from "./extract/clause.ts";
import type { SentenceView } from "./extract/context.ts";
import { findDates } from "./extract/dates.ts";
import { findAppositiveRoles, findTitledPeople } from "./extract/people.ts";
import {
  findBareNumbers,
  findCounts,
  findMeasures,
  findMoney,
  findShares,
} from "./extract/quantities.ts";
import { findLists, findRanks, findRoutes } from "./extract/relations.ts";
import { isAsserted, sentenceParts } from "./extract/stance.ts";
import { cleanSubject, SubjectTracker } from "./extract/subjects.ts";
import { type TopicWord, tagsFor, topicWordsOf } from "./extract/tags.ts";
import { clauseEnd, clauseStart } from "./extract/words.ts";
import type { Article, Fact, Passage } from "./types.ts";

/**
 * The pattern families, most specific first: a value claimed by an earlier family of the same
 * group is not read again by a later one ("$7 billion" is money, not a count of billions).
 */
const FAMILIES: ReadonlyArray<PatternFamily> = [
  findTitledPeople,
  findAppositiveRoles,
  findMoney,
  findShares,
  findMeasures,
  findDates,
  findCounts,
  findBareNumbers,
  findRoutes,
  findLists,
  findRanks,
];

/** Kinds whose values are single numbers or dates: one reading per piece of text. */
const NUMERIC: ReadonlySet<CandidateKind> = new Set(["money", "share", "measure", "date", "count"]);

export interface ExtractOptions {
  /** A sentence longer than this is quoted by the clauses around the value only. */
  maxQuoteChars: number;
  /** Attribute phrases longer than this are noise from a misread clause. */
  maxAttributeChars: number;
}

export const DEFAULT_EXTRACT_OPTIONS: ExtractOptions = {
  maxQuoteChars: 240,
  maxAttributeChars: 60,
};

/**
 * Facts read from an article's paragraphs by rule-based patterns (see `extract/`): quantities,
 * money, dates of events, people's roles, routes, lists and ranks. `skip(n)` leaves out the
 * paragraphs someone curated. Each quote is a verbatim span of its paragraph.
 */
export function extractArticleFacts(
  article: Article,
  skip: (paragraph: number) => boolean = () => false,
  options: Partial<ExtractOptions> = {},
): Fact[] {
  return runSteps(extractArticleFactsSteps(article, skip, options));
}

/** `extractArticleFacts` a paragraph a step, for a cooperative knowledge build or change. */
export function* extractArticleFactsSteps(
  article: Article,
  skip: (paragraph: number) => boolean = () => false,
  options: Partial<ExtractOptions> = {},
): Steps<Fact[]> {
  const settings = { ...DEFAULT_EXTRACT_OPTIONS, ...options };
  const tracker = new SubjectTracker(article.title);
  const facts: Fact[] = [];
  for (const passage of article.passages) {
    if (!skip(passage.n)) {
      tracker.startParagraph();
      facts.push(...toFacts(readPassage(passage, tracker, settings), passage, article));
    }
    // A step a paragraph: a long one takes milliseconds to read, and an article added to a
    // running index was read whole in one step (the longest stall while adding at 100k passages).
    yield;
  }
  return facts;
}

interface Found {
  candidate: Candidate;
  subject: string;
  quoteStart: number;
  quoteEnd: number;
}

function readPassage(passage: Passage, tracker: SubjectTracker, settings: ExtractOptions): Found[] {
  const found: Found[] = [];
  let first = true;
  for (const range of sentenceRanges(passage.text)) {
    const sentence = passage.text.slice(range.start, range.end);
    let sentenceMention: Mention | undefined;
    for (const part of sentenceParts(sentence)) {
      const text = sentence.slice(part.start, part.end);
      const asserted = (c: Candidate) =>
        isAsserted(sentence, c.spanStart + part.start, c.spanEnd + part.start, part);
      // A later part has its own subject only when it names one ("the Chabahar port has 10");
      // "however, closure announcements…" is still about the sentence's subject.
      const own = findSubject(text);
      const named = own?.kind === "named" && /\p{Lu}/u.test(own.text);
      const mention = part.start === 0 || named ? own : sentenceMention;
      if (part.start === 0) sentenceMention = own;
      found.push(
        ...readPart(text, mention, tracker, first)
          .filter(({ candidate }) => asserted(candidate))
          .map((f) => quoted(f, sentence, part.start, settings))
          .map((f) => shifted(f, range.start)),
      );
      first = false;
    }
  }
  return found.filter(({ candidate }) => candidate.attribute.length <= settings.maxAttributeChars);
}

/**
 * The values in one part of a sentence, with their subject taken from that part (or, when it
 * names none, from the sentences before); offsets are into the part.
 */
function readPart(
  text: string,
  mention: Mention | undefined,
  tracker: SubjectTracker,
  first: boolean,
): Found[] {
  // Offsets of a mention from an earlier part are not this part's.
  const here = mention !== undefined && text.slice(mention.start, mention.end) === mention.text;
  const view: SentenceView = { text, subjectEnd: here ? mention.end : 0 };
  const candidates = readSentence(view);
  // A subject written with a title ("Army Chief General Qamar Javed Bajwa") is the person.
  const person = candidates.find(
    (c) => c.kind === "role" && here && c.spanStart >= mention.start && c.spanEnd <= mention.end,
  );
  const subject =
    person?.subject === undefined
      ? tracker.resolveSentence(mention, first)
      : tracker.notePerson(person.subject);
  return candidates.map((candidate) => {
    const own = candidate.subject === undefined ? undefined : cleanSubject(candidate.subject);
    return {
      candidate,
      subject: own === undefined || own === "" ? subject : tracker.resolvePhrase(own),
      quoteStart: 0,
      quoteEnd: text.length,
    };
  });
}

/** `found` (read from the part at `partStart`) with offsets into the sentence and its quote. */
function quoted(
  found: Found,
  sentence: string,
  partStart: number,
  settings: ExtractOptions,
): Found {
  const c = found.candidate;
  const candidate = {
    ...c,
    start: c.start + partStart,
    end: c.end + partStart,
    spanStart: c.spanStart + partStart,
    spanEnd: c.spanEnd + partStart,
  };
  const part = { start: partStart, end: partStart + found.quoteEnd };
  const [quoteStart, quoteEnd] = quoteRange(sentence, part, candidate, settings);
  return { ...found, candidate, quoteStart, quoteEnd };
}

function shifted(found: Found, offset: number): Found {
  const { candidate } = found;
  return {
    ...found,
    candidate: { ...candidate, start: candidate.start + offset, end: candidate.end + offset },
    quoteStart: found.quoteStart + offset,
    quoteEnd: found.quoteEnd + offset,
  };
}

/** Every family's candidates in a sentence, overlapping readings of one value dropped. */
function readSentence(view: SentenceView): Candidate[] {
  const kept: Candidate[] = [];
  for (const family of FAMILIES) {
    for (const candidate of family(view)) {
      const clash = kept.some(
        (k) =>
          (k.kind === candidate.kind || (NUMERIC.has(k.kind) && NUMERIC.has(candidate.kind))) &&
          k.start < candidate.end &&
          candidate.start < k.end,
      );
      if (!clash && candidate.value.trim() !== "" && candidate.attribute.trim() !== "") {
        kept.push(candidate);
      }
    }
  }
  return kept;
}

/**
 * The part of the sentence the value is in ("the Chabahar port has 10", not Gwadar's berths
 * before the semicolon), or for a long sentence the clauses around the matched phrase.
 */
function quoteRange(
  text: string,
  part: { start: number; end: number },
  candidate: Candidate,
  settings: ExtractOptions,
): [number, number] {
  if (text.length <= settings.maxQuoteChars) return [part.start, part.end];
  let start = clauseStart(text, candidate.spanStart);
  const end = clauseEnd(text, candidate.spanEnd);
  // A clause of a few words says too little: take the one before it as well.
  if (end - start < 40 && start > 0) start = clauseStart(text, start - 1);
  return [start, end];
}

function toFacts(found: readonly Found[], passage: Passage, article: Article): Fact[] {
  const facts: Fact[] = [];
  const seen = new Set<string>();
  const topics = new Map<string, TopicWord[]>();
  for (const { candidate, subject, quoteStart, quoteEnd } of found) {
    const key = [subject, candidate.attribute, candidate.value].join("\0").toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const quote = passage.text.slice(quoteStart, quoteEnd).trim();
    let words = topics.get(quote);
    if (words === undefined) {
      words = topicWordsOf(quote);
      topics.set(quote, words);
    }
    const unit = candidate.unit;
    facts.push({
      id: `${passage.id}.x${facts.length + 1}`,
      origin: "extracted",
      subject,
      attribute: candidate.attribute,
      value: candidate.value.replace(/\s+/g, " ").trim(),
      ...(unit === undefined ? {} : { unit }),
      article: article.id,
      paragraph: passage.n,
      quote,
      tags: tagsFor(
        words,
        candidate.start - quoteStart,
        [subject, candidate.attribute, candidate.value, unit ?? ""],
        candidate.kind,
      ),
      file: article.file,
      line: passage.line + countNewlines(passage.text, candidate.start),
    });
  }
  return facts;
}

function countNewlines(text: string, before: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < before; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
