import type { Steps } from "../util/cooperative.ts";
import type { Article, Fact, Passage } from "./types.ts";

/**
 * Moves long texts (passages, quotes) out of the JS heap. Texts are copied into a few big
 * strings of some megabytes each, which Node keeps outside the heap (it does so for any string
 * it decodes from more than about a megabyte of latin1 or ucs2 bytes), and each text becomes a
 * slice of one: a 32-byte reference instead of its own copy. The texts read exactly as before;
 * what changes is that the heap no longer holds 50 MB of passages at 100,000 of them, and V8,
 * which lets the heap grow to a multiple of what it holds, grows it that much less while
 * building an index or answering.
 */

/** Bytes gathered before they become one string: well above Node's threshold for keeping a decoded string outside the heap (1,031,913 bytes). */
export const PACKED_CHUNK_BYTES = 4 << 20;

/** Texts written only in characters up to U+00FF take a byte a character; others two. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** How a text is packed: a byte a character when it can be, else two. */
export function packedEncoding(text: string): "latin1" | "ucs2" {
  return BEYOND_LATIN1.test(text) ? "ucs2" : "latin1";
}

type Assign = (packed: string) => void;

class Chunks {
  private buffer: Buffer;
  private used = 0;
  private readonly starts: number[] = [];
  private readonly lengths: number[] = [];
  private readonly assigns: Assign[] = [];

  constructor(
    private readonly encoding: "latin1" | "ucs2",
    private readonly bytesPerChar: 1 | 2,
  ) {
    this.buffer = Buffer.allocUnsafe(0);
  }

  add(text: string, assign: Assign): void {
    const bytes = text.length * this.bytesPerChar;
    if (this.used + bytes > this.buffer.length) {
      this.seal();
      if (this.buffer.length < Math.max(PACKED_CHUNK_BYTES, bytes)) {
        this.buffer = Buffer.allocUnsafe(Math.max(PACKED_CHUNK_BYTES, bytes));
      }
    }
    this.buffer.write(text, this.used, bytes, this.encoding);
    this.starts.push(this.used / this.bytesPerChar);
    this.lengths.push(text.length);
    this.assigns.push(assign);
    this.used += bytes;
  }

  /** Turns the gathered bytes into one string and hands each text its slice of it. */
  seal(): void {
    if (this.assigns.length === 0) return;
    const packed = this.buffer.toString(this.encoding, 0, this.used);
    for (let i = 0; i < this.assigns.length; i++) {
      const start = this.starts[i] as number;
      (this.assigns[i] as Assign)(packed.slice(start, start + (this.lengths[i] as number)));
    }
    this.used = 0;
    this.starts.length = 0;
    this.lengths.length = 0;
    this.assigns.length = 0;
  }

  /** Lets the scratch buffer go once nothing more is added. */
  release(): void {
    this.seal();
    this.buffer = Buffer.allocUnsafe(0);
  }
}

/**
 * Gathers texts and hands each back packed (see above), a few megabytes at a time: `assign`
 * is called with a string equal to `text`, at the latest by `finish`. Only the texts of the
 * chunk being filled are held twice.
 */
export class TextPacker {
  private readonly latin1 = new Chunks("latin1", 1);
  private readonly ucs2 = new Chunks("ucs2", 2);

  add(text: string, assign: Assign): void {
    (packedEncoding(text) === "ucs2" ? this.ucs2 : this.latin1).add(text, assign);
  }

  /** Hands out every text still waiting. */
  finish(): void {
    this.latin1.release();
    this.ucs2.release();
  }
}

/**
 * `quote` as a slice of `text` when `text` holds it verbatim (an extracted fact's quote is a
 * sentence of its passage), so that it takes no room of its own; otherwise `quote` itself.
 */
export function quoteWithin(text: string, quote: string): string {
  const at = text.indexOf(quote);
  return at === -1 ? quote : text.slice(at, at + quote.length);
}

/** Facts handled between two possible yields: about a millisecond's work. */
const FACTS_A_STEP = 1_000;

/**
 * Copies of strings, one per distinct value. Parsing leaves many short strings (a fact's
 * subject, a tag, a title) as slices of the whole file they were read from, and any one of them
 * keeps that file's text alive: at 100,000 passages, 50 MB of files were held by their facts.
 */
export class StringKeeper {
  private readonly kept = new Map<string, string>();

  keep(text: string): string {
    let copy = this.kept.get(text);
    if (copy === undefined) {
      copy = ownCopy(text);
      this.kept.set(copy, copy);
    }
    return copy;
  }

  keepAll(texts: readonly string[]): string[] {
    return texts.map((text) => this.keep(text));
  }
}

/**
 * A string equal to `text` that holds no other string. Below 13 characters V8 never makes a
 * slice, so the string is its own; a longer one is rebuilt: the concatenation is flattened into
 * a new string when it is sliced, and the slice holds only that.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/**
 * Makes the facts' quotes slices of their passages' texts (see `quoteWithin`) and their other
 * strings copies of their own, shared between facts (see `StringKeeper`): at 100,000 passages,
 * 87,000 extracted facts held 13 MB of quotes and, through their subjects and tags, every
 * file's text. A step a thousand facts.
 */
export function* shareFactStrings(
  facts: readonly Fact[],
  passageOf: (fact: Fact) => Passage | undefined,
  strings: StringKeeper = new StringKeeper(),
): Steps<void> {
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i] as Fact;
    if ((i + 1) % FACTS_A_STEP === 0) yield;
    const passage = passageOf(fact);
    fact.quote =
      passage === undefined ? strings.keep(fact.quote) : quoteWithin(passage.text, fact.quote);
    fact.subject = strings.keep(fact.subject);
    fact.attribute = strings.keep(fact.attribute);
    fact.value = strings.keep(fact.value);
    if (fact.unit !== undefined) fact.unit = strings.keep(fact.unit);
    if (fact.asOf !== undefined) fact.asOf = strings.keep(fact.asOf);
    fact.tags = strings.keepAll(fact.tags);
    fact.file = strings.keep(fact.file);
    fact.article = strings.keep(fact.article);
  }
}

/** An article's own strings as copies of their own (see `StringKeeper`). */
export function keepArticleStrings(article: Article, strings: StringKeeper): void {
  article.id = strings.keep(article.id);
  article.title = strings.keep(article.title);
  article.lead = strings.keep(article.lead);
  article.file = strings.keep(article.file);
  article.tags = strings.keepAll(article.tags);
  if (article.source !== undefined) article.source = strings.keep(article.source);
  if (article.url !== undefined) article.url = strings.keep(article.url);
  if (article.published !== undefined) article.published = strings.keep(article.published);
}
