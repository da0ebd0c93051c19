import type { Clock } from "../../src/digest/scheduler.ts";
import type { Article, Fact, KnowledgeBase } from "../../src/knowledge/types.ts";
import type { Logger } from "../../src/log/logger.ts";

/** A small article: one passage per paragraph given, lead = first sentence of the first. */
export function article(id: string, paragraphs: string[], extra: Partial<Article> = {}): Article {
  return {
    id,
    title: `Title of ${id}`,
    tags: [],
    file: `articles/${id}.txt`,
    lead: (paragraphs[0] ?? "").split(/(?<=\.)\s/)[0] ?? "",
    hash: `hash-${id}-${paragraphs.join("|").length}`,
    passages: paragraphs.map((text, i) => ({
      id: `${id}#${i + 1}`,
      articleId: id,
      n: i + 1,
      text,
      line: 3 + i * 2,
    })),
    ...extra,
  };
}

export function fact(id: string, extra: Partial<Fact> = {}): Fact {
  return {
    id,
    origin: "curated",
    subject: `Subject ${id}`,
    attribute: "length",
    value: `${id.length * 100}`,
    article: "a",
    paragraph: 1,
    quote: "quoted",
    tags: [],
    file: "facts/f.yml",
    line: 1,
    ...extra,
  };
}

export function knowledgeBase(parts: Partial<KnowledgeBase> = {}): KnowledgeBase {
  const articles = parts.articles ?? [article("a", ["Alpha begins here. More.", "Second."])];
  return {
    articles,
    passages: articles.flatMap((a) => a.passages),
    facts: parts.facts ?? [],
    aliases: parts.aliases ?? [],
    conflicts: parts.conflicts ?? [],
    hash: parts.hash ?? "kb-hash",
  };
}

export function manyFacts(n: number): Fact[] {
  return Array.from({ length: n }, (_, i) => fact(`fact-${i}`));
}

/** A logger that keeps warnings and errors for assertions. */
export function recordingLogger(): Logger & { warnings: string[]; errors: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  return {
    warnings,
    errors,
    debug() {},
    info() {},
    warn: (...msg: unknown[]) => warnings.push(msg.join(" ")),
    error: (...msg: unknown[]) => errors.push(msg.join(" ")),
  };
}

/** A clock that only moves when told to, firing due timers in order. */
export function fakeClock(start: string) {
  let now = new Date(start).getTime();
  let timers: { id: number; at: number; callback: () => void }[] = [];
  let seq = 0;
  const clock: Clock = {
    now: () => new Date(now),
    setTimeout(callback, ms) {
      seq += 1;
      timers.push({ id: seq, at: now + ms, callback });
      return seq;
    },
    clearTimeout(id) {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  return {
    clock,
    pending: () => timers.map((t) => new Date(t.at).toISOString()),
    /** Moves to `iso`, firing every timer due on the way and waiting for each run it starts. */
    async advanceTo(iso: string, scheduler: { settled(): Promise<void> }) {
      const end = new Date(iso).getTime();
      for (;;) {
        const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = Math.max(now, next.at);
        next.callback();
        await scheduler.settled();
      }
      now = end;
    },
  };
}
