import type { AliasGroup, KnowledgeBase } from "../knowledge/types.ts";
import { foldText } from "../text/fold.ts";
import { toTerm } from "../text/terms.ts";
import { tokenize } from "../text/tokenize.ts";

/** A topic of a question: `key` groups spellings ("pipelines", "pipeline"); `label` is shown. */
export interface Topic {
  key: string;
  label: string;
}

/** Turns a question into the topics it is about: canonical alias names and content words. */
export type TopicExtractor = (question: string) => Topic[];

interface AliasPattern {
  name: string;
  /**
   * The name's first word (letters and digits) when it starts with one: a question holds the
   * name as a whole word only if it holds this as a whole word.
   */
  lead?: string;
  /** Made when a question first holds the name: most never do, and making them all took 0.1 s. */
  pattern?: RegExp;
  canonical: string;
  /** Its place among all names, longest first: the order a question is read for them. */
  rank: number;
}

/** Words of "how long", "how many", "how much", "how often", "how far": the question, not its topic. */
const QUESTION_WORDS: ReadonlySet<string> = new Set(["long", "many", "much", "often", "far"]);

/** A whole word, as the name patterns' boundaries see one: letters and digits. */
const WORDS = /[\p{L}\p{N}]+/gu;
const LEADING_WORD = /^[\p{L}\p{N}]+/u;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * What the digest needs to know about topics for a knowledge base: the topics of a question, with
 * alias spellings folded ("Bajwa" and "Army Chief" both count as "Qamar Javed Bajwa"), and the
 * background: keys that every article title shares (the knowledge base's own subject, e.g.
 * "Iran"), which are not topics. The log keeps each question's topics as it was asked and leaves
 * the background out only when a digest is made, so new articles change it for old questions too.
 */
export interface TopicModel {
  topicsOf(question: string): Topic[];
  background: ReadonlySet<string>;
}

export function createTopicModel(
  aliases: readonly AliasGroup[],
  titles: readonly string[],
): TopicModel {
  const patterns: AliasPattern[] = aliases
    .flatMap((group) => {
      const canonical = group[0] ?? "";
      return group.map((name) => {
        const folded = foldText(name).trim();
        const lead = LEADING_WORD.exec(folded)?.[0];
        return { name: folded, canonical, ...(lead === undefined ? {} : { lead }) };
      });
    })
    .filter(({ name }) => name !== "")
    // Longest first, so "Islamic Republic of Iran" wins over "Iran".
    .sort((a, b) => b.name.length - a.name.length)
    .map((alias, rank) => ({ ...alias, rank }));
  // Most names are not in a given question: a question is read only for the names whose first
  // word it holds (and those that start with no word), not for all 194 of the seed.
  const byLead = new Map<string, AliasPattern[]>();
  const leadless: AliasPattern[] = [];
  for (const alias of patterns) {
    const group = alias.lead === undefined ? leadless : byLead.get(alias.lead);
    if (group !== undefined) group.push(alias);
    else byLead.set(alias.lead as string, [alias]);
  }

  const topicsOf = (text: string): Topic[] => {
    let folded = foldText(text);
    // Blanking a name out leaves the other words whole (it stands between non-letters), so the
    // question's words as first read are the only ones a name can start with.
    const named = [...leadless];
    for (const word of new Set(folded.match(WORDS))) named.push(...(byLead.get(word) ?? []));
    named.sort((a, b) => a.rank - b.rank);
    const topics = new Map<string, string>();
    for (const alias of named) {
      // A substring test is far cheaper than the regex, and most names sharing a first word
      // with the question are not in it.
      if (!folded.includes(alias.name)) continue;
      alias.pattern ??= new RegExp(
        `(?<![\\p{L}\\p{N}])${escapeRegExp(alias.name)}(?![\\p{L}\\p{N}])`,
        "gu",
      );
      folded = folded.replace(alias.pattern, (match) => {
        topics.set(`=${alias.canonical}`, alias.canonical);
        return " ".repeat(match.length);
      });
    }
    for (const token of tokenize(folded)) {
      if (token.word.length < 3 || /^\d/.test(token.word) || QUESTION_WORDS.has(token.word)) {
        continue;
      }
      const term = toTerm(token.word);
      if (term !== null && !topics.has(term)) topics.set(term, token.word);
    }
    return [...topics].map(([key, label]) => ({ key, label }));
  };

  return { topicsOf, background: backgroundKeys(titles.map(topicsOf)) };
}

const models = new WeakMap<KnowledgeBase, TopicModel>();

/** The topic model of a knowledge base, made once per loaded base (a reload makes a new one). */
export function topicModelOf(kb: KnowledgeBase): TopicModel {
  let model = models.get(kb);
  if (model === undefined) {
    model = createTopicModel(
      kb.aliases,
      kb.articles.map((a) => a.title),
    );
    models.set(kb, model);
  }
  return model;
}

/** Turns questions into their topics for a knowledge base, background left out. */
export function createTopicExtractor(
  aliases: readonly AliasGroup[],
  titles: readonly string[],
): TopicExtractor {
  const { topicsOf, background } = createTopicModel(aliases, titles);
  return (question) => topicsOf(question).filter((topic) => !background.has(topic.key));
}

function backgroundKeys(perTitle: Topic[][]): Set<string> {
  const [first, ...rest] = perTitle;
  if (first === undefined) return new Set();
  return new Set(
    first
      .map((t) => t.key)
      .filter((key) => rest.every((topics) => topics.some((t) => t.key === key))),
  );
}
