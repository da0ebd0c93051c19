import type { Article, Fact, KnowledgeBase, Passage } from "../../knowledge/types.ts";
import type { KnowledgeDelta } from "../../knowledge/update-knowledge.ts";
import { forEachTerm, toTerm } from "../../text/terms.ts";
import { runSteps, type Steps } from "../../util/cooperative.ts";
import { LayeredMap } from "../../util/layered-map.ts";
import {
  type AcronymTally,
  acronymsOf,
  isCounted,
  tallyAcronymSteps,
  uncountedTally,
} from "../acronyms.ts";
import { aliasTableFor } from "../aliases.ts";
import {
  DEFAULT_BUILD_INDEX_OPTIONS,
  flatIndexSteps,
  openIndexSteps,
  type SearchIndex,
} from "../build-index.ts";
import { documentIdAt, documentIdSteps, factFieldTexts } from "../documents.ts";
import type { FlatIndex } from "../flat-index.ts";
import { INDEXED_FIELDS } from "../index-options.ts";
import { Postings } from "../postings.ts";
import { prepareChanged, preparedDocumentIds } from "../prepare.ts";
import { SegmentedPostings, type SegmentOverlay, type SegmentView } from "./segmented-postings.ts";

/** One immutable segment: a flat index over some documents, and which of them are deleted. */
export interface Segment {
  /** The segment's own index: its postings, field lengths and vocabulary. */
  index: SearchIndex;
  /** Document ids by the segment's short ids. */
  documentIds: readonly string[];
  /** 1 where the document is deleted (removed, or replaced by a later segment's). */
  deleted: Uint8Array;
  /** 0 for a segment of one change; a merge of segments of level n is of level n + 1. */
  level: number;
}

/** The segments an index is searched through, and what they do not say themselves. */
export interface SegmentState {
  segments: readonly Segment[];
  deletedFrequency: LayeredMap<number>;
  surfaceForms: LayeredMap<string | undefined>;
  deadWords: LayeredMap<true>;
  /** The acronyms its articles teach, counted once it first grows (see `search/acronyms.ts`). */
  acronyms?: AcronymTally;
}

const states = new WeakMap<SearchIndex, SegmentState>();

/** The segments of an index: one, the index itself, for an index built or loaded in full. */
export function segmentsOf(index: SearchIndex): SegmentState {
  return runSteps(segmentsOfSteps(index));
}

/**
 * `segmentsOf` in steps: an index loaded in full lists its document ids with the start's
 * warm-up, and a change before it lists them itself (179,000 at 100k: tens of milliseconds).
 */
function* segmentsOfSteps(index: SearchIndex): Steps<SegmentState> {
  const known = states.get(index);
  if (known !== undefined) return known;
  const documentIds = preparedDocumentIds(index) ?? (yield* documentIdSteps(index.kb));
  const state: SegmentState = {
    segments: [{ index, documentIds, deleted: new Uint8Array(documentIds.length), level: 0 }],
    deletedFrequency: LayeredMap.of(),
    surfaceForms: LayeredMap.of(),
    deadWords: LayeredMap.of(),
  };
  states.set(index, state);
  return state;
}

/** How much of the index the segments added after the first hold: past a share, merge them. */
export function segmentedShare(index: SearchIndex): number {
  const { segments } = segmentsOf(index);
  const [first, ...rest] = segments;
  const added = rest.reduce((n, s) => n + liveCount(s.deleted), 0);
  return added / Math.max(1, added + (first === undefined ? 0 : liveCount(first.deleted)));
}

const liveCounts = new WeakMap<Uint8Array, number>();

/**
 * How many documents a segment's deletion list leaves live, counted once per list: a list is
 * copied when it changes, and counting the big segment's anew after every article added was a
 * walk of the whole index each time.
 */
function liveCount(deleted: Uint8Array): number {
  let live = liveCounts.get(deleted);
  if (live === undefined) {
    live = deleted.length;
    for (let i = 0; i < deleted.length; i++) live -= deleted[i] as number;
    liveCounts.set(deleted, live);
  }
  return live;
}

/** `updateIndexSteps` in one go. */
export function updateIndex(index: SearchIndex, delta: KnowledgeDelta): SearchIndex {
  return runSteps(updateIndexSteps(index, delta));
}

/**
 * The index for `delta.after`, from the index for `delta.before`: the removed documents marked
 * deleted, the added ones in a new small segment, and the statistics a search reads worked out
 * over every live document, so that every answer is the one a full build would give.
 */
export function* updateIndexSteps(index: SearchIndex, delta: KnowledgeDelta): Steps<SearchIndex> {
  if (index.kb !== delta.before) throw new Error("the change is not to this index's knowledge");
  const before = yield* segmentsOfSteps(index);
  const { after } = delta;
  const factCount = delta.before.facts.length;
  const removedIds = [
    ...delta.removedFacts,
    ...delta.removedPassages.map((i) => factCount + i),
  ].sort((a, b) => a - b);
  const segments = yield* markDeletedSteps(index, before.segments, removedIds);
  const deletedFrequency = before.deletedFrequency.edit();
  const touched = new Set<string>();
  const candidateWords = new Set<string>();
  const noteTexts = (texts: Iterable<string>) => {
    for (const text of texts) {
      forEachTerm(text, (term, word) => {
        touched.add(term);
        candidateWords.add(word);
      });
    }
  };
  for (const i of delta.removedFacts) {
    noteTexts(Object.values(factFieldTexts(delta.before.facts[i] as Fact)));
  }
  const removedArticles = new Set<string>();
  for (const i of delta.removedPassages) {
    const passage = delta.before.passages[i] as Passage;
    removedArticles.add(passage.articleId);
    const distinct = new Set<string>();
    forEachTerm(passage.text, (term) => distinct.add(term));
    for (const term of distinct) deletedFrequency.set(term, (deletedFrequency.get(term) ?? 0) + 1);
    noteTexts([passage.text]);
  }
  for (const article of delta.before.articles) {
    if (removedArticles.has(article.id)) noteTexts([article.title]);
  }
  yield;
  // Counting what every article teaches reads the whole knowledge: only a removal needs it.
  const known = before.acronyms ?? uncountedTally(index.flat.acronyms);
  const removedText = delta.removedPassages.map((i) => delta.before.passages[i] as Passage);
  const counted =
    removedText.length === 0 || isCounted(known)
      ? known
      : yield* tallyAcronymSteps(delta.before.passages, new Map(), 1);
  const acronyms = new Map(counted);
  yield* tallyAcronymSteps(removedText, acronyms, -1);
  yield* tallyAcronymSteps(
    delta.addedArticles.flatMap((a) => a.passages),
    acronyms,
    1,
  );
  const aliases = sameAcronyms(acronyms, known)
    ? index.aliases
    : aliasTableFor(after, acronymsOf(acronyms));
  yield;
  if (delta.addedArticles.length > 0 || delta.addedFacts.length > 0) {
    const part = segmentKnowledge(delta.addedArticles, delta.addedFacts, after.aliases);
    const segment = yield* segmentSteps(part, 0);
    segments.push(segment);
    for (const term of segment.index.flat.terms) touched.add(term);
  }
  yield;
  const placed = yield* placeChangeSteps(delta);
  const globals: Int32Array[] = [];
  for (const global of globalsOf(index)) {
    globals.push(yield* movedGlobalSteps(global, removedIds, placed.added));
    yield;
  }
  if (segments.length > before.segments.length) {
    const segment = segments.at(-1) as Segment;
    const global = Int32Array.from(placed.added);
    if (segment.documentIds.some((id, k) => documentIdAt(after, global[k] as number) !== id)) {
      throw new Error("the new segment's documents are not where the change puts them");
    }
    globals.push(global);
  }
  yield;
  const assembled = yield* assemblePlacedSteps(
    { ...index, aliases },
    after,
    segments,
    { globals },
    {
      deletedFrequency: deletedFrequency.done(),
      surfaceForms: before.surfaceForms,
      deadWords: before.deadWords,
      acronyms,
    },
  );
  const { next, postings } = assembled;
  prepareChanged(index, next, {
    removedPassages: removedText,
    removedFacts: delta.removedFacts.map((i) => delta.before.facts[i] as Fact),
    removedArticleIds: [...removedArticles],
    addedArticles: delta.addedArticles,
    addedFacts: delta.addedFacts,
  });
  const reader = knowledgeReader(after);
  // Worked out over the assembled postings, then laid over them: they read neither.
  const surfaceForms = before.surfaceForms.edit();
  const addedIds = new Set(placed.added);
  const removed = delta.removedFacts.length + delta.removedPassages.length > 0;
  let n = 0;
  for (const term of touched) {
    const first = postings.firstDocuments(term);
    // With nothing removed, a term first met in a document it was met in before is spelled as
    // before: only the added documents' text needs reading (reading the old first documents of
    // every term an article has was two thirds of this function's garbage at 100k passages).
    if (removed || [...first.values()].some((id) => addedIds.has(id))) {
      surfaceForms.set(term, firstSpelling(first, reader, term));
    }
    if (++n % WORDS_STEP === 0) yield;
  }
  yield;
  const deadWords = before.deadWords.edit();
  const added = segments.length > before.segments.length ? segments.at(-1) : undefined;
  for (const [word] of added?.index.postings.words() ?? []) deadWords.delete(word);
  for (const word of candidateWords) {
    if (!hasWord(postings, reader, word)) deadWords.set(word, true);
    else deadWords.delete(word);
    if (++n % WORDS_STEP === 0) yield;
  }
  setOverlays(assembled, { surfaceForms: surfaceForms.done(), deadWords: deadWords.done() });
  yield* mergeCommonTermsSteps(index, postings);
  return next;
}

/**
 * The segments with the documents at `removed` (short ids in the whole index) marked deleted,
 * each segment's deletion list copied only when it changes. Found by walking the segments'
 * places: keeping, per change, an index-sized map back from short ids to segments made garbage
 * the size of the index for every article added.
 */
function* markDeletedSteps(
  index: SearchIndex,
  before: readonly Segment[],
  removed: readonly number[],
): Steps<Segment[]> {
  const segments = before.map((s) => ({ ...s }));
  if (removed.length === 0) return segments;
  const wanted = new Set(removed);
  const globals = globalsOf(index);
  let found = 0;
  for (let s = 0; s < segments.length && found < wanted.size; s++) {
    const segment = segments[s] as Segment;
    const global = globals[s] as Int32Array;
    let copied = false;
    for (let i = 0; i < global.length; i++) {
      if (wanted.has(global[i] as number)) {
        if (!copied) {
          segment.deleted = Uint8Array.from(segment.deleted);
          copied = true;
        }
        segment.deleted[i] = 1;
        found++;
      }
      if ((i + 1) % PLACE_STEP === 0) yield;
    }
    yield;
  }
  if (found !== wanted.size) throw new Error("a removed document is in no segment");
  return segments;
}

/** Terms or words a change spells or looks for in one step: each reads a document's text. */
const WORDS_STEP = 100;

/** Segments of one level merged at once: each document is re-indexed about log₈(changes) times. */
export const MERGE_FACTOR = 8;

/**
 * The index with `MERGE_FACTOR` small segments of one level merged into one of the next, their
 * deleted documents dropped; undefined when no level has that many. The same knowledge, the
 * same answers: only how it is held changes.
 */
export function* mergeSegmentsSteps(index: SearchIndex): Steps<SearchIndex | undefined> {
  const state = yield* segmentsOfSteps(index);
  const byLevel = new Map<number, number[]>();
  state.segments.forEach((segment, s) => {
    if (s === 0) return;
    const list = byLevel.get(segment.level) ?? [];
    list.push(s);
    byLevel.set(segment.level, list);
  });
  const full = [...byLevel.values()].find((list) => list.length >= MERGE_FACTOR);
  if (full === undefined) return undefined;
  const picked = full.slice(0, MERGE_FACTOR);
  const { kb } = index;
  const globals = globalsOf(index);
  const ids: number[] = [];
  for (const s of picked) {
    for (const g of globals[s] as Int32Array) if (g >= 0) ids.push(g);
  }
  ids.sort((a, b) => a - b);
  yield;
  const facts = kb.facts.length;
  const passages = ids.filter((g) => g >= facts).map((g) => kb.passages[g - facts] as Passage);
  const articleIds = new Set(passages.map((p) => p.articleId));
  const part: KnowledgeBase = {
    articles: kb.articles.filter((a) => articleIds.has(a.id)),
    passages,
    facts: ids.filter((g) => g < facts).map((g) => kb.facts[g] as Fact),
    aliases: kb.aliases,
    conflicts: [],
    hash: "",
  };
  const level = Math.max(...picked.map((s) => (state.segments[s] as Segment).level)) + 1;
  const merged = yield* segmentSteps(part, level);
  const deletedFrequency = state.deletedFrequency.edit();
  const shifted = new Set<string>();
  const shift = (flat: SearchIndex["flat"], sign: number) => {
    flat.terms.forEach((term, t) => {
      const n = sign * (flat.documentFrequency[t] as number);
      if (n === 0) return;
      deletedFrequency.set(term, (deletedFrequency.get(term) ?? 0) + n);
      shifted.add(term);
    });
  };
  for (const s of picked) shift((state.segments[s] as Segment).index.flat, -1);
  shift(merged.index.flat, 1);
  for (const term of shifted) if (deletedFrequency.get(term) === 0) deletedFrequency.delete(term);
  yield;
  const keptAt = state.segments.flatMap((_, s) => (picked.includes(s) ? [] : [s]));
  // The same documents at the same short ids: the average field lengths serve on as they are.
  const { averageFieldLength } = index.postings;
  const { next, postings } = yield* assemblePlacedSteps(
    index,
    kb,
    [...keptAt.map((s) => state.segments[s] as Segment), merged],
    {
      globals: [...keptAt.map((s) => globals[s] as Int32Array), Int32Array.from(ids)],
      averageFieldLength,
    },
    {
      deletedFrequency: deletedFrequency.done(),
      surfaceForms: state.surfaceForms,
      deadWords: state.deadWords,
      acronyms: state.acronyms,
    },
  );
  prepareChanged(index, next, {
    removedPassages: [],
    removedFacts: [],
    removedArticleIds: [],
    addedArticles: [],
    addedFacts: [],
  });
  yield* mergeCommonTermsSteps(index, postings);
  return next;
}

/** How many of the previous index's largest merged runs a new index merges before it serves. */
const COMMON_TERMS_MERGED = 32;
/** Smaller runs merge in a millisecond or two: the first question that needs one does it. */
const COMMON_TERM_POSTINGS = 5_000;

/**
 * Merges in `next` the common words `before` had merged, a few thousand postings a step: the
 * first question after every change with such a word merged it in one go (20-45 ms at 100,000
 * passages: the longest gaps while adding articles). An index of one segment merges nothing,
 * so after the first change its largest words stand in for the ones questions read.
 */
function* mergeCommonTermsSteps(before: SearchIndex, next: SegmentedPostings): Steps<void> {
  const { postings } = before;
  const common =
    postings instanceof SegmentedPostings
      ? postings.largestMerged(COMMON_TERMS_MERGED, COMMON_TERM_POSTINGS)
      : postings instanceof Postings
        ? postings.largestTerms(COMMON_TERMS_MERGED, COMMON_TERM_POSTINGS)
        : [];
  yield* next.mergeSteps(common);
}

/** A segment as read back from disk: its flat index, and what the index said of it. */
export interface SavedSegment extends Omit<Segment, "index"> {
  flat: FlatIndex;
}

/** What `restoreIndexSteps` reassembles: the segments, the first the big one, and the overlays. */
export interface SavedSegments
  extends Pick<SegmentState, "deletedFrequency" | "surfaceForms" | "deadWords" | "acronyms"> {
  segments: readonly SavedSegment[];
}

/**
 * The index for `kb` over segments saved from an index for the same knowledge (see
 * `persist-segments.ts`), assembled as every change assembles them: it answers as the saved
 * index did. Throws when the segments' live documents are not exactly `kb`'s.
 */
export function* restoreIndexSteps(kb: KnowledgeBase, saved: SavedSegments): Steps<SearchIndex> {
  const [first] = saved.segments;
  if (first === undefined) throw new Error("an index has at least one segment");
  const live = saved.segments.reduce((n, s) => n + liveCount(s.deleted), 0);
  const documents = kb.facts.length + kb.passages.length;
  if (live !== documents) {
    throw new Error(`the segments hold ${live} live documents, the knowledge ${documents}`);
  }
  const aliases = aliasTableFor(
    kb,
    saved.acronyms === undefined ? first.flat.acronyms : acronymsOf(saved.acronyms),
  );
  const segments: Segment[] = [];
  for (const { flat, ...rest } of saved.segments) {
    // The first segment's vocabulary tree serves every fuzzy lookup; the others' are shared.
    const postings = yield* Postings.open(flat, segments.length === 0);
    // A segment's own knowledge is never read (only its postings and arrays): not kept on disk.
    const part = segmentKnowledge([], [], kb.aliases);
    segments.push({ ...rest, index: { kb: part, flat, postings, aliases } });
  }
  const base = segments[0] as Segment;
  const { next } = yield* assembleSteps({ ...base.index, aliases }, kb, segments, saved);
  return next;
}

/**
 * Documents a small segment's build sorts into runs in one step (`closeSegment`): chosen when
 * MiniSearch built segments, where a merge of eight segments of 48 passages took 15 ms in that
 * step at the full build's 500, 9 ms at 100 and 8 at 50 (measured on the bench's corpus).
 */
const SEGMENT_BUILD_SIZE = 64;

/** A segment indexing `part`, a few documents a step. */
function* segmentSteps(part: KnowledgeBase, level: number): Steps<Segment> {
  const { chunkSize } = DEFAULT_BUILD_INDEX_OPTIONS;
  const flat = yield* flatIndexSteps(part, chunkSize, SEGMENT_BUILD_SIZE);
  // Its fuzzy lookups go through the added vocabulary of the indexes it joins.
  const index = yield* openIndexSteps(part, flat, false);
  const documentIds = yield* documentIdSteps(part);
  return { index, documentIds, deleted: new Uint8Array(documentIds.length), level };
}

type Overlays = Pick<SegmentState, "deletedFrequency" | "surfaceForms" | "deadWords" | "acronyms">;
type Assembled = {
  next: SearchIndex;
  postings: SegmentedPostings;
  state: SegmentState;
  overlay: SegmentOverlay;
};

/** The index over `segments` for `kb`, and its state, the overlays' maps its own. */
export function* assembleSteps(
  index: SearchIndex,
  kb: KnowledgeBase,
  segments: readonly Segment[],
  overlays: Overlays,
): Steps<Assembled> {
  const documentIds = yield* documentIdSteps(kb);
  const views = yield* placeDocuments(segments, documentIds);
  return yield* assemblePlacedSteps(
    index,
    kb,
    segments,
    { globals: views.map((v) => v.global) },
    overlays,
  );
}

/**
 * `assembleSteps` for segments whose documents' places are known (per segment, each
 * document's short id in the whole index, -1 if deleted): typed arrays walked, no ids compared.
 * With `at.averageFieldLength`, the whole index's average field lengths are already known (a
 * merge moves no document).
 */
function* assemblePlacedSteps(
  index: SearchIndex,
  kb: KnowledgeBase,
  segments: readonly Segment[],
  at: { globals: readonly Int32Array[]; averageFieldLength?: readonly number[] },
  overlays: Overlays,
): Steps<Assembled> {
  const documentCount = kb.facts.length + kb.passages.length;
  const views = yield* placeByGlobals(segments, at.globals);
  const averageFieldLength =
    at.averageFieldLength ?? (yield* averageFieldLengthSteps(views, documentCount));
  const overlay: SegmentOverlay = {
    documentCount,
    averageFieldLength,
    deletedFrequency: overlays.deletedFrequency,
    surfaceForms: overlays.surfaceForms,
    deadWords: overlays.deadWords,
  };
  const postings = new SegmentedPostings(views, overlay);
  const next: SearchIndex = { kb, flat: index.flat, postings, aliases: index.aliases };
  const state: SegmentState = {
    segments,
    deletedFrequency: overlays.deletedFrequency,
    surfaceForms: overlays.surfaceForms,
    deadWords: overlays.deadWords,
    acronyms: overlays.acronyms,
  };
  states.set(next, state);
  return { next, postings, state, overlay };
}

/** Lays the overlays a change worked out over the assembled postings on them and the state. */
function setOverlays(
  assembled: Assembled,
  overlays: Pick<SegmentState, "surfaceForms" | "deadWords">,
): void {
  Object.assign(assembled.overlay, overlays);
  Object.assign(assembled.state, overlays);
}

/** Per segment of an index, each document's short id in the whole index (-1: deleted). */
function globalsOf(index: SearchIndex): Int32Array[] {
  if (index.postings instanceof SegmentedPostings) {
    return index.postings.segments.map((view) => view.global);
  }
  // A loop, not `Int32Array.from` with a map function: that took milliseconds at 100k passages,
  // in the first change's longest step.
  const global = new Int32Array(index.postings.documentCount);
  for (let i = 0; i < global.length; i++) global[i] = i;
  return [global];
}

/**
 * A segment's places after a change that removed the documents at `removed` (short ids before,
 * ascending) and put added ones at `added` (short ids after, ascending). The kept documents keep
 * their order, so each moves by the added before it less the removed before it: two pointers
 * walk the lists beside the segment's ascending places, with no index-sized map from old short
 * ids to new (made for every change, it was garbage the size of the index). A few steps for the
 * big segment: in one, it took 12 ms of a 100 ms stall while adding at 100k (load 2).
 */
function* movedGlobalSteps(
  global: Int32Array,
  removed: readonly number[],
  added: readonly number[],
): Steps<Int32Array> {
  const out = new Int32Array(global.length);
  let r = 0;
  let a = 0;
  for (let i = 0; i < global.length; i++) {
    if (i > 0 && i % PLACE_STEP === 0) yield;
    const g = global[i] as number;
    while (r < removed.length && (removed[r] as number) < g) r++;
    if (g < 0 || (r < removed.length && removed[r] === g)) {
      out[i] = -1;
      continue;
    }
    while (a < added.length && (added[a] as number) <= g - r + a) a++;
    out[i] = g - r + a;
  }
  return out;
}

/** Documents walked in one step while a change is placed. */
const PLACE_STEP = 20_000;

/**
 * Where a change puts the added documents: their short ids after it, ascending. The documents
 * kept are the same objects in the same order (see `applyArticleChanges`), so a walk through
 * both lists meets them together. No list of every document id is made: it would be the size
 * of the index, for every change (see `documentIdAt`).
 */
function* placeChangeSteps(delta: KnowledgeDelta): Steps<{ added: number[] }> {
  const { before, after } = delta;
  const added: number[] = [];
  function* walk<T>(
    old: readonly T[],
    now: readonly T[],
    removed: readonly number[],
    newBase: number,
  ): Steps<void> {
    const gone = [...removed].sort((a, b) => a - b);
    let i = 0;
    let r = 0;
    const skipRemoved = () => {
      while (r < gone.length && gone[r] === i) {
        i++;
        r++;
      }
    };
    for (let j = 0; j < now.length; j++) {
      skipRemoved();
      if (i < old.length && old[i] === now[j]) i++;
      else added.push(newBase + j);
      if ((j + 1) % PLACE_STEP === 0) yield;
    }
    skipRemoved();
    if (i !== old.length) throw new Error("the change does not keep the old documents in order");
  }
  yield* walk(before.facts, after.facts, delta.removedFacts, 0);
  yield* walk(before.passages, after.passages, delta.removedPassages, after.facts.length);
  const addedPassages = delta.addedArticles.reduce((n, a) => n + a.passages.length, 0);
  if (added.length !== delta.addedFacts.length + addedPassages) {
    throw new Error("the change's added documents are not the ones its knowledge holds");
  }
  return { added };
}

/** The views of segments placed by `globals`. */
function* placeByGlobals(
  segments: readonly Segment[],
  globals: readonly Int32Array[],
): Steps<SegmentView[]> {
  const views: SegmentView[] = [];
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s] as Segment;
    const global = globals[s] as Int32Array;
    const identity = global.every((g, i) => g === i);
    views.push({ postings: segment.index.postings as Postings, global, identity });
    yield;
  }
  return views;
}

/** The added documents as a knowledge base of their own, for a segment to index. */
function segmentKnowledge(
  articles: readonly Article[],
  facts: readonly Fact[],
  aliases: KnowledgeBase["aliases"],
): KnowledgeBase {
  return {
    articles: [...articles],
    passages: articles.flatMap((a) => a.passages),
    facts: [...facts],
    aliases,
    conflicts: [],
    hash: "",
  };
}

/**
 * Where each segment's live documents stand in the whole index. Every segment holds its
 * documents in knowledge order, so a walk through the knowledge's documents meets each
 * segment's live ones in its own order.
 */
function* placeDocuments(
  segments: readonly Segment[],
  documentIds: readonly string[],
): Steps<SegmentView[]> {
  const globals = segments.map((s) => new Int32Array(s.documentIds.length).fill(-1));
  const next = segments.map(() => 0);
  const skipDeleted = (s: number) => {
    const segment = segments[s] as Segment;
    let at = next[s] as number;
    while (at < segment.deleted.length && segment.deleted[at] === 1) at++;
    next[s] = at;
  };
  for (let s = 0; s < segments.length; s++) skipDeleted(s);
  for (let g = 0; g < documentIds.length; g++) {
    const id = documentIds[g];
    let s = 0;
    for (; s < segments.length; s++) {
      if ((segments[s] as Segment).documentIds[next[s] as number] === id) break;
    }
    if (s === segments.length) throw new Error(`document ${id} is in no segment`);
    const local = next[s] as number;
    (globals[s] as Int32Array)[local] = g;
    next[s] = local + 1;
    skipDeleted(s);
    if ((g + 1) % 20_000 === 0) yield;
  }
  return segments.map((segment, s) => {
    const global = globals[s] as Int32Array;
    return {
      postings: segment.index.postings as Postings,
      global,
      identity: global.every((g, i) => g === i),
    };
  });
}

/**
 * Per field, the average length over every live document, worked out as a full build does
 * (`runningAverage`, by short id in the whole index): the segments' places are walked in that
 * order, each segment's own lengths read, and no array of lengths the size of the index made.
 */
function* averageFieldLengthSteps(
  views: readonly SegmentView[],
  documents: number,
): Steps<number[]> {
  const averages = INDEXED_FIELDS.map(() => 0);
  const next = views.map(() => 0);
  for (let g = 0; g < documents; ) {
    let s = 0;
    while (s < views.length && (views[s] as SegmentView).global[nextLive(views, next, s)] !== g)
      s++;
    if (s === views.length) throw new Error(`no segment holds the document at ${g}`);
    const { global, postings } = views[s] as SegmentView;
    // A segment's places ascend: the documents after this one are read while they follow on.
    let local = next[s] as number;
    for (; local < global.length && global[local] === g; local++, g++) {
      for (let f = 0; f < averages.length; f++) {
        const length = (postings.lengths[f] as Uint32Array)[local] as number;
        averages[f] = ((averages[f] as number) * g + length) / (g + 1);
      }
      if ((g + 1) % PLACE_STEP === 0) yield;
    }
    next[s] = local;
  }
  return averages;
}

/** Moves `next[v]` past the deleted documents of `views[v]`, and returns it. */
function nextLive(views: readonly SegmentView[], next: number[], v: number): number {
  const view = views[v] as SegmentView;
  let at = next[v] as number;
  while (at < view.global.length && (view.global[at] as number) < 0) at++;
  next[v] = at;
  return at;
}

/** The texts of a document by short id in the whole index, field by field. */
interface KnowledgeReader {
  facts: number;
  textOf(id: number, fieldId: number): string;
}

const FIELD_NAMES = INDEXED_FIELDS as readonly (keyof ReturnType<typeof factFieldTexts>)[];
const TEXT = INDEXED_FIELDS.indexOf("text");
const TITLE = INDEXED_FIELDS.indexOf("title");

function knowledgeReader(kb: KnowledgeBase): KnowledgeReader {
  const titles = new Map(kb.articles.map((a) => [a.id, a.title]));
  const facts = kb.facts.length;
  return {
    facts,
    textOf: (id, fieldId) => {
      if (id < facts) return factFieldTexts(kb.facts[id] as Fact)[FIELD_NAMES[fieldId] ?? "text"];
      const passage = kb.passages[id - facts] as Passage;
      if (fieldId === TEXT) return passage.text;
      if (fieldId === TITLE) return titles.get(passage.articleId) ?? "";
      return "";
    },
  };
}

/**
 * The term as a full build first meets it, from its first documents per field (see
 * `SegmentedPostings.firstDocuments`): reading every fact's fields in order, then every
 * article's title, then the passages (see `documentChunks`).
 */
function firstSpelling(
  first: ReadonlyMap<number, number>,
  reader: KnowledgeReader,
  term: string,
): string | undefined {
  let fact: number | undefined;
  for (const id of first.values())
    if (id < reader.facts && (fact === undefined || id < fact)) fact = id;
  if (fact !== undefined) {
    for (let f = 0; f < FIELD_NAMES.length; f++) {
      const spelled = spellingIn(reader.textOf(fact, f), term);
      if (spelled !== undefined) return spelled;
    }
  }
  for (const field of [TITLE, TEXT]) {
    const id = first.get(field);
    if (id !== undefined && id >= reader.facts) return spellingIn(reader.textOf(id, field), term);
  }
  return undefined;
}

function spellingIn(text: string, wanted: string): string | undefined {
  let found: string | undefined;
  forEachTerm(text, (term, _word, start, end) => {
    if (found === undefined && term === wanted) found = text.slice(start, end);
  });
  return found;
}

/** Whether any live document has the (folded) word in a field it is indexed by. */
function hasWord(postings: SegmentedPostings, reader: KnowledgeReader, word: string): boolean {
  const term = toTerm(word);
  if (term === null) return false;
  for (const [id, fieldId] of postings.documentsWith(term)) {
    let has = false;
    forEachTerm(reader.textOf(id, fieldId), (_t, w) => {
      has ||= w === word;
    });
    if (has) return true;
  }
  return false;
}

/** Whether a grown index teaches the same acronyms as before (then its alias table serves on). */
function sameAcronyms(now: AcronymTally, before: AcronymTally): boolean {
  if (now.size !== before.size) return false;
  for (const [key, { pair }] of now) if (before.get(key)?.pair !== pair) return false;
  return true;
}
