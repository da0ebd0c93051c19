import type { KnowledgeBase } from "../knowledge/types.ts";
import { tokenize } from "../text/tokenize.ts";

/**
 * Passages a start makes its warm-up questions from. At 100,000 passages the 900 questions
 * asked first after a start had a p95 of 1.5 / 2.9 / 1.8 ms (known-item, common-word, typo)
 * against 0.8 / 1.5 / 1.2 once 900 others had been asked: the code was compiled for the
 * questions it had met, and no more. 150 passages' questions take about 0.5 s of CPU there.
 */
export const WARM_UP_PASSAGES = 150;

/** One question from every this many passages asks a fact's attribute of its subject. */
const FACT_QUESTION_EVERY = 4;

/**
 * Questions of the kinds people ask, made from the knowledge itself, for a start to ask
 * itself before anyone else does: three words from the middle of a passage spread evenly
 * over the knowledge, the same with two letters of its longest word swapped (a typo), the
 * passage's first two words (often everyday ones), and now and then a fact's attribute of its
 * subject. Each once, in that order.
 */
export function warmUpQuestions(kb: KnowledgeBase, passages = WARM_UP_PASSAGES): string[] {
  const questions = new Set<string>();
  const count = Math.min(passages, kb.passages.length);
  for (let i = 0; i < count; i++) {
    const passage = kb.passages[pick(i, count, kb.passages.length)];
    if (passage !== undefined) for (const q of passageQuestions(passage.text)) questions.add(q);
    const fact =
      i % FACT_QUESTION_EVERY === 0 ? kb.facts[pick(i, count, kb.facts.length)] : undefined;
    if (fact !== undefined) questions.add(`${fact.attribute} of ${fact.subject}`);
  }
  return [...questions];
}

/** The item of `length` that the `i`th of `count` picks, spread evenly. */
function pick(i: number, count: number, length: number): number {
  return Math.floor(((i + 0.5) * length) / count);
}

function passageQuestions(text: string): string[] {
  const words = tokenize(text).map(({ start, end }) => text.slice(start, end));
  const middle = Math.max(0, Math.floor(words.length / 2) - 1);
  const phrase = words.slice(middle, middle + 3);
  if (phrase.length === 0) return [];
  const longest = phrase.reduce((a, b) => (b.length > a.length ? b : a));
  const typo =
    longest.length >= 5 ? `${longest[0]}${longest[2]}${longest[1]}${longest.slice(3)}` : "";
  return [
    phrase.join(" "),
    ...(typo === "" ? [] : [phrase.map((w) => (w === longest ? typo : w)).join(" ")]),
    words.slice(0, 2).join(" "),
  ];
}
