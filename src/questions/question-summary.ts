import { saltIdOf } from "./asker-hash.ts";
import type { DigestGap, DigestQuestions, DigestTopic, QuestionLogEntry } from "./types.ts";

/**
 * A topic that only private questions (DMs, slash commands, mentions elsewhere) brought up is
 * named in a channel's digest only once this many different people asked about it: one
 * person's "password hunter2" stays theirs, while what several people wonder about is the team's
 * business. Three, the smallest crowd in which "someone asked" does not point at one of two.
 */
export const MIN_DISTINCT_ASKERS = 3;

export interface SummaryOptions {
  /** How many of the most asked topics a digest names. */
  topics: number;
  /** See MIN_DISTINCT_ASKERS. */
  minAskers: number;
}

export const DEFAULT_SUMMARY_OPTIONS: Readonly<SummaryOptions> = {
  topics: 5,
  minAskers: MIN_DISTINCT_ASKERS,
};

export interface SummaryQuery extends Partial<SummaryOptions> {
  /** Questions asked strictly after this instant; every question when undefined. */
  after?: Date;
  /** The channel the digest is for: only its mentions may be quoted; none when undefined. */
  channel?: string;
  /** Every channel's mentions may be quoted: for the team's own report, never a channel. */
  allChannels?: boolean;
  /** Topic keys that are the knowledge base's own subject, never shown. */
  background: ReadonlySet<string>;
  /** The current salt's id: hashes made with another salt can't be matched, so don't count. */
  saltId?: string;
}

/**
 * Every logged question, kept in memory as a few numbers (about 40 bytes each: time, flags,
 * interned channel, asker and topic ids; text only for unanswered mentions), in time order, so
 * that a digest over a million questions is one pass over typed arrays and never reads the file.
 */
export interface QuestionSummary {
  add(entry: QuestionLogEntry): void;
  /** Forgets questions asked before `instant`; returns how many. */
  dropBefore(instant: Date): number;
  /** How many questions asked before `instant` it holds. */
  countBefore(instant: Date): number;
  size(): number;
  summarise(query: SummaryQuery): DigestQuestions;
}

const ORIGIN_CODES = { dm: 1, command: 2, mention: 3 } as const;
const MENTION = ORIGIN_CODES.mention;
const NONE = -1;

/** Strings stored once and referred to by number. */
class Interned {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.push(value) - 1;
      this.ids.set(value, id);
    }
    return id;
  }
}

/** Questions that differ only in case, spacing and final punctuation are the same gap. */
function normaliseQuestion(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[?!.\s]+$/, "")
    .trim();
}

// Code-unit order, not the locale's: a digest must render the same on every machine.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function createQuestionSummary(): QuestionSummary {
  let size = 0;
  let at = new Float64Array(1024);
  /** Bit 0: answered; bits 1–2: origin code (0 for lines from before origins were kept). */
  let flags = new Uint8Array(1024);
  let channel = new Int32Array(1024);
  let asker = new Int32Array(1024);
  let gap = new Int32Array(1024);
  /** Entry i's topics are topicIds[topicEnd[i-1] … topicEnd[i]). */
  let topicEnd = new Uint32Array(1024);
  let topicIds = new Int32Array(4096);

  let channels = new Interned();
  let askers = new Interned();
  /** Normalised gap text → id; gapTexts[id] is the question as first asked. */
  let gaps = new Interned();
  let gapTexts: string[] = [];
  /** `key\nlabel` → label id; labelKey[label id] is the key's id in `keys`. */
  let labels = new Interned();
  let labelKey: number[] = [];
  let labelText: string[] = [];
  let keys = new Interned();

  const grow = <T extends Float64Array | Uint8Array | Int32Array | Uint32Array>(
    array: T,
    needed: number,
  ): T => {
    if (needed <= array.length) return array;
    const bigger = new (array.constructor as new (n: number) => T)(
      Math.max(needed, array.length * 2),
    );
    bigger.set(array);
    return bigger;
  };

  const topicsStart = (i: number) => (i === 0 ? 0 : (topicEnd[i - 1] as number));

  /** First index whose time is at least `t` (strictly after, with `strict`). */
  const search = (t: number, strict: boolean): number => {
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = at[mid] as number;
      if (v < t || (strict && v === t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const labelId = (key: string, label: string): number => {
    const before = labels.values.length;
    const id = labels.id(`${key}\n${label}`);
    if (id === before) {
      labelKey.push(keys.id(key));
      labelText.push(label);
    }
    return id;
  };

  /** Renumbers the interned tables after a drop, so forgotten questions leave nothing behind. */
  const compact = () => {
    const remap = (column: Int32Array, from: Interned): Interned => {
      const to = new Interned();
      for (let i = 0; i < size; i++) {
        const id = column[i] as number;
        if (id !== NONE) column[i] = to.id(from.values[id] as string);
      }
      return to;
    };
    channels = remap(channel, channels);
    askers = remap(asker, askers);
    const oldGapTexts = gapTexts;
    const oldGaps = gaps;
    gaps = new Interned();
    gapTexts = [];
    for (let i = 0; i < size; i++) {
      const id = gap[i] as number;
      if (id === NONE) continue;
      const before = gaps.values.length;
      gap[i] = gaps.id(oldGaps.values[id] as string);
      if (gap[i] === before) gapTexts.push(oldGapTexts[id] as string);
    }
    const oldLabels = { labelKey, labelText, keys };
    labels = new Interned();
    labelKey = [];
    labelText = [];
    keys = new Interned();
    const used = topicEnd[size - 1] ?? 0;
    for (let j = 0; j < used; j++) {
      const id = topicIds[j] as number;
      const key = oldLabels.keys.values[oldLabels.labelKey[id] as number] as string;
      topicIds[j] = labelId(key, oldLabels.labelText[id] as string);
    }
  };

  return {
    size: () => size,
    add(entry) {
      let t = Date.parse(entry.at);
      // Kept in time order for the binary search: a clock set back files a question as asked
      // at the latest time seen, a few seconds off at worst.
      if (size > 0 && t < (at[size - 1] as number)) t = at[size - 1] as number;
      const topics = entry.topics ?? [];
      const start = topicsStart(size);
      at = grow(at, size + 1);
      flags = grow(flags, size + 1);
      channel = grow(channel, size + 1);
      asker = grow(asker, size + 1);
      gap = grow(gap, size + 1);
      topicEnd = grow(topicEnd, size + 1);
      topicIds = grow(topicIds, start + topics.length);
      const origin = entry.origin === undefined ? 0 : ORIGIN_CODES[entry.origin];
      at[size] = t;
      flags[size] = (entry.answered ? 1 : 0) | (origin << 1);
      channel[size] =
        origin === MENTION && entry.channel !== undefined ? channels.id(entry.channel) : NONE;
      asker[size] = entry.asker === undefined ? NONE : askers.id(entry.asker);
      let gapId = NONE;
      if (!entry.answered && origin === MENTION && entry.text !== undefined) {
        const before = gaps.values.length;
        gapId = gaps.id(normaliseQuestion(entry.text));
        if (gapId === before) gapTexts.push(entry.text.trim());
      }
      gap[size] = gapId;
      topics.forEach(([key, label], k) => {
        topicIds[start + k] = labelId(key, label);
      });
      topicEnd[size] = start + topics.length;
      size++;
    },
    countBefore: (instant) => search(instant.getTime(), false),
    dropBefore(instant) {
      const k = search(instant.getTime(), false);
      if (k === 0) return 0;
      const topicShift = topicEnd[k - 1] as number;
      const topicUsed = topicEnd[size - 1] as number;
      at.copyWithin(0, k, size);
      flags.copyWithin(0, k, size);
      channel.copyWithin(0, k, size);
      asker.copyWithin(0, k, size);
      gap.copyWithin(0, k, size);
      topicEnd.copyWithin(0, k, size);
      topicIds.copyWithin(0, topicShift, topicUsed);
      size -= k;
      for (let i = 0; i < size; i++) topicEnd[i] = (topicEnd[i] as number) - topicShift;
      compact();
      return k;
    },
    summarise(query) {
      const { topics: topicLimit, minAskers } = { ...DEFAULT_SUMMARY_OPTIONS, ...query };
      const from = query.after === undefined ? 0 : search(query.after.getTime(), true);
      const here = query.channel === undefined ? NONE : (channels.ids.get(query.channel) ?? NONE);
      const keyCount = keys.values.length;
      const background = new Uint8Array(keyCount);
      for (const key of query.background) {
        const id = keys.ids.get(key);
        if (id !== undefined) background[id] = 1;
      }
      const countable = new Uint8Array(askers.values.length);
      askers.values.forEach((a, id) => {
        countable[id] = query.saltId !== undefined && saltIdOf(a) === query.saltId ? 1 : 0;
      });
      // Per topic: questions quotable here, private ones, and up to minAskers distinct askers.
      const quotable = new Int32Array(keyCount);
      const hidden = new Int32Array(keyCount);
      const seen = new Int32Array(keyCount * minAskers).fill(NONE);
      const distinct = new Uint8Array(keyCount);
      const labelQuotable = new Int32Array(labels.values.length);
      const labelHidden = new Int32Array(labels.values.length);
      const gapCount = new Int32Array(gapTexts.length);
      const gapLast = new Float64Array(gapTexts.length);
      const gapsSeen: number[] = [];
      let answered = 0;
      let unlisted = 0;
      for (let i = from; i < size; i++) {
        const f = flags[i] as number;
        const isAnswered = (f & 1) === 1;
        if (isAnswered) answered++;
        const open =
          f >> 1 === MENTION &&
          (query.allChannels === true ? channel[i] !== NONE : here !== NONE && channel[i] === here);
        const who = asker[i] as number;
        for (let j = topicsStart(i); j < (topicEnd[i] as number); j++) {
          const label = topicIds[j] as number;
          const key = labelKey[label] as number;
          if (background[key] === 1) continue;
          if (open) {
            quotable[key] = (quotable[key] as number) + 1;
            labelQuotable[label] = (labelQuotable[label] as number) + 1;
            continue;
          }
          hidden[key] = (hidden[key] as number) + 1;
          labelHidden[label] = (labelHidden[label] as number) + 1;
          const known = distinct[key] as number;
          if (who === NONE || countable[who] !== 1 || known >= minAskers) continue;
          let already = false;
          for (let s = 0; s < known; s++) already ||= seen[key * minAskers + s] === who;
          if (!already) {
            seen[key * minAskers + known] = who;
            distinct[key] = known + 1;
          }
        }
        if (!isAnswered) {
          const g = gap[i] as number;
          if (open && g !== NONE) {
            if (gapCount[g] === 0) gapsSeen.push(g);
            gapCount[g] = (gapCount[g] as number) + 1;
            gapLast[g] = at[i] as number;
          } else unlisted++;
        }
      }
      const shown = (key: number) => (distinct[key] as number) >= minAskers;
      const best = new Map<number, { label: number; count: number }>();
      for (let label = 0; label < labels.values.length; label++) {
        const key = labelKey[label] as number;
        const count =
          (labelQuotable[label] as number) + (shown(key) ? (labelHidden[label] as number) : 0);
        if (count === 0) continue;
        const current = best.get(key);
        // The spelling most questions used, so "pipelines" and "pipeline" show as the usual one.
        if (
          current === undefined ||
          count > current.count ||
          (count === current.count &&
            compareText(labelText[label] as string, labelText[current.label] as string) < 0)
        ) {
          best.set(key, { label, count });
        }
      }
      const topics: DigestTopic[] = [...best.keys()]
        .map((key) => ({
          topic: labelText[(best.get(key) as { label: number }).label] as string,
          count: (quotable[key] as number) + (shown(key) ? (hidden[key] as number) : 0),
        }))
        .sort((a, b) => b.count - a.count || compareText(a.topic, b.topic))
        .slice(0, topicLimit);
      const unanswered: DigestGap[] = gapsSeen
        .sort(
          (a, b) =>
            (gapCount[b] as number) - (gapCount[a] as number) ||
            (gapLast[b] as number) - (gapLast[a] as number),
        )
        .map((id) => ({ text: gapTexts[id] as string, count: gapCount[id] as number }));
      return { total: size - from, answered, topics, unanswered, unlisted };
    },
  };
}
