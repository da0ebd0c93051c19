import type { Mention } from "./clause.ts";

/**
 * What "the line", "that extension" and "it" stand for, tracked through an article: the named
 * subjects met so far in the paragraph, the last sentence's subject, the paragraph's subject
 * (its first sentence's, when named) and the article's (its title).
 */
/** Pronouns that stand for a person; "it" and "they" stand for what the text is about. */
const PERSONAL = new Set(["he", "she", "his", "her", "him"]);

export class SubjectTracker {
  private readonly article: string;
  private paragraph: string;
  private last: string | undefined;
  private lastPerson: string | undefined;
  private named: string[] = [];

  constructor(title: string) {
    // "Victoria (Australia)" is about Victoria; the parenthesis only tells it apart.
    this.article = title.replace(/\s*\([^)]*\)\s*$/, "").trim() || title;
    this.paragraph = this.article;
  }

  startParagraph(): void {
    this.paragraph = this.article;
    this.last = undefined;
    this.lastPerson = undefined;
    this.named = [];
  }

  /** The subject a sentence's mention stands for; remembers it for the sentences after. */
  resolveSentence(mention: Mention | undefined, first: boolean): string {
    const subject = this.resolve(mention);
    if (first && mention?.kind === "named") this.paragraph = subject;
    if (mention?.kind === "named") this.named.push(subject);
    this.last = subject;
    return subject;
  }

  /**
   * Remembers a person a titled mention names: "he" stands for them; "it" and the paragraph's
   * subject do not.
   */
  notePerson(subject: string): string {
    this.named.push(subject);
    this.lastPerson = subject;
    return subject;
  }

  /** A phrase a pattern names as the subject ("gas pipeline"), tied to a name met earlier when one ends with it. */
  resolvePhrase(phrase: string): string {
    return this.matchNamed(phrase) ?? phrase;
  }

  private resolve(mention: Mention | undefined): string {
    if (mention === undefined) return this.last ?? this.paragraph;
    if (mention.kind === "pronoun") {
      const person = PERSONAL.has(mention.text.toLowerCase()) ? this.lastPerson : undefined;
      return person ?? this.last ?? this.paragraph;
    }
    if (mention.kind === "definite") return this.matchNamed(mention.text) ?? this.paragraph;
    return cleanSubject(mention.text);
  }

  private matchNamed(phrase: string): string | undefined {
    const head = headWord(phrase);
    if (head === "") return undefined;
    for (let i = this.named.length - 1; i >= 0; i--) {
      const name = this.named[i] as string;
      if (headWord(name) === head) return name;
    }
    if (headWord(this.article) === head) return this.article;
    return undefined;
  }
}

function headWord(phrase: string): string {
  const last = phrase.trim().split(/\s+/).pop() ?? "";
  return last
    .toLowerCase()
    .replace(/[’']s$/, "")
    .replace(/s$/, "");
}

/** A subject as a fact shows it: without a leading article or trailing punctuation. */
export function cleanSubject(text: string): string {
  return text
    .replace(/^(?:the|a|an)\s+/i, "")
    .replace(/[\s,;:]+$/, "")
    .trim();
}
