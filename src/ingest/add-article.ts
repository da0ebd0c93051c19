import { formatProblem } from "../errors.ts";
import { explainFetchFailure } from "../fetch/failure-messages.ts";
import type { SafeFetch } from "../fetch/types.ts";
import { extractArticleFactsSteps } from "../knowledge/extract-facts.ts";
import { parseArticle } from "../knowledge/parse-article.ts";
import { type Logger, silentLogger } from "../log/logger.ts";
import { runStepsCooperatively, yieldToEventLoop } from "../util/cooperative.ts";
import { createOneAtATime } from "../util/one-at-a-time.ts";
import type {
  AddArticle,
  AddedArticleSummary,
  AddOutcome,
  AddRequest,
  ArticleOrigin,
  CarriedContent,
} from "./add-types.ts";
import { type ArticleFile, FEED_ADDED_BY_PREFIX, renderArticleFile } from "./article-file.ts";
import { ADDED_FOLDER, type AddedFrom, type ArticleStore } from "./article-store.ts";
import { fingerprintArticle } from "./duplicates.ts";
import { type ExtractedArticle, NO_ARTICLE, NOT_A_WEB_ADDRESS } from "./extract-article.ts";
import type { ExtractPage } from "./extract-off-thread.ts";
import { normaliseArticleUrl } from "./normalise-url.ts";
import { toPlainText } from "./plain-text.ts";

export const ADD_REFUSALS = {
  unreadable: "That page could not be read",
  notSaved: "That article could not be saved: please try again in a moment",
  unreachable: explainFetchFailure("network"),
} as const;

export interface ArticleAdderDeps {
  store: ArticleStore;
  fetch: SafeFetch;
  extract: ExtractPage;
  logger?: Logger;
  now?: () => Date;
  /** Told of each article stored, after it is stored: the knowledge reloads. */
  onAdded?: (article: AddedArticleSummary) => unknown;
}

type Step<T> = { ok: true; value: T } | { ok: false; outcome: AddOutcome };

/**
 * The one way articles come in (hand adds, the message shortcut, the CLI, feeds): normalise the
 * address → tombstone → fetch, unless the content came with the request → extract (off the main
 * thread) → fingerprint → de-duplicate against the stored articles → render the article file →
 * store it whole. Every failure is a refusal with one plain sentence; nothing is half-added.
 */
export function createArticleAdder(deps: ArticleAdderDeps): AddArticle {
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const oneAtATime = createOneAtATime();
  const add = async (request: AddRequest, signal?: AbortSignal): Promise<AddOutcome> => {
    const url = normaliseArticleUrl(request.url.trim());
    if (url === undefined) return refuse(NOT_A_WEB_ADDRESS, `not an http(s) URL: ${request.url}`);
    if (await deps.store.isRemoved(url)) return { kind: "removed-before", url };
    const sameUrl = await deps.store.findDuplicate({ url });
    if (sameUrl !== undefined) return { kind: "duplicate", how: "same-url", of: sameUrl.match };

    const read =
      request.content === undefined
        ? await fetchAndExtract(deps, request.url.trim(), signal)
        : fromContent(request.content, url);
    if (!read.ok) return read.outcome;
    // Fetches and extractions run side by side; what follows runs one add at a time, so that
    // 50 feeds' polls finishing together do not pile their work into one turn of the event loop.
    const outcome = await oneAtATime(() => deduplicateAndStore(request, read.value));
    if (outcome.kind === "added") await deps.onAdded?.(outcome.article);
    return outcome;
  };

  const deduplicateAndStore = async (
    request: AddRequest,
    article: ExtractedArticle,
  ): Promise<AddOutcome> => {
    if (await deps.store.isRemoved(article.canonicalUrl)) {
      return { kind: "removed-before", url: article.canonicalUrl };
    }
    // A turn for the event loop before each piece of work on this thread (fingerprint, the file
    // read back for its facts): with the text carried by a feed, a poll's items would otherwise
    // run one after another without one.
    await yieldToEventLoop();
    const fingerprint = fingerprintArticle(article.paragraphs);
    const duplicate = await deps.store.findDuplicate({ url: article.canonicalUrl, fingerprint });
    if (duplicate !== undefined) {
      const of = duplicate.match;
      if (duplicate.kind === "near-duplicate" && article.publisher !== of.publisher) {
        await deps.store.recordAlsoPublishedBy(of.id, article.publisher);
        return { kind: "duplicate", how: duplicate.kind, of, alsoPublishedBy: article.publisher };
      }
      return { kind: "duplicate", how: duplicate.kind, of };
    }

    const fetched = now().toISOString();
    const file = renderArticleFile({
      article,
      fetched,
      addedBy: describeOrigin(request.origin),
      fingerprint,
    });
    await yieldToEventLoop();
    const facts = await countFacts(file);
    if (!facts.ok) return facts.outcome;
    const summary = summarise(article, file, facts.value, fetched);
    const addedFrom = toAddedFrom(request.origin);
    if (!(await deps.store.add({ summary, fingerprint, addedFrom, file }))) {
      const stored = (await deps.store.list()).find((s) => s.summary.id === file.id);
      if (stored !== undefined) return { kind: "duplicate", how: "same-url", of: stored.summary };
      return refuse(ADD_REFUSALS.notSaved, `article ${file.id} was not stored`);
    }
    logger.info(`article added: ${file.id} from ${article.canonicalUrl}`);
    return { kind: "added", article: summary };
  };

  return async (request, signal) => {
    try {
      const outcome = await add(request, signal);
      if (outcome.kind === "refused") {
        logger.info(`article not added from ${request.url}: ${outcome.detail}`);
      }
      return outcome;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      logger.error(`adding ${request.url} failed: ${detail}`);
      return refuse(ADD_REFUSALS.notSaved, detail);
    }
  };
}

/** Fetches the page (HTML or plain text) and extracts its article. */
async function fetchAndExtract(
  deps: ArticleAdderDeps,
  url: string,
  signal: AbortSignal | undefined,
): Promise<Step<ExtractedArticle>> {
  const fetched = await deps.fetch({ url, accept: ["html", "text"] }, signal);
  if (!fetched.ok) {
    const { kind, detail } = fetched.failure;
    return { ok: false, outcome: refuse(explainFetchFailure(kind), `${kind}: ${detail}`) };
  }
  const { response } = fetched;
  if (response.status < 200 || response.status > 299) {
    return { ok: false, outcome: refuse(ADD_REFUSALS.unreachable, `HTTP ${response.status}`) };
  }
  let result: Awaited<ReturnType<ExtractPage>>;
  try {
    const html = response.contentType === "text/plain" ? textAsPage(response.body) : response.body;
    result = await deps.extract(html, response.url);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, outcome: refuse(ADD_REFUSALS.unreadable, `extraction: ${detail}`) };
  }
  if (!result.ok) return { ok: false, outcome: refuse(result.reason, result.reason) };
  return { ok: true, value: result.article };
}

/** A plain-text page as HTML paragraphs, so that it is read like any page. */
function textAsPage(text: string): string {
  const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const paragraphs = text.split(/\n\s*\n/).map((p) => `<p>${escapeHtml(p.trim())}</p>`);
  return `<html><body><article>${paragraphs.join("\n")}</article></body></html>`;
}

/** Content carried by the request (a feed item, a Slack message): read as given, not fetched. */
function fromContent(content: CarriedContent, url: string): Step<ExtractedArticle> {
  const paragraphs = content.paragraphs
    .map((p) => toPlainText(p).replace(/\s+/g, " ").trim())
    .filter((p) => p !== "");
  if (paragraphs.length === 0) {
    return { ok: false, outcome: refuse(NO_ARTICLE, "the carried content has no paragraphs") };
  }
  const first = paragraphs[0] ?? "";
  const words = first.split(" ");
  const title =
    content.title?.trim() || (words.length <= 12 ? first : `${words.slice(0, 12).join(" ")} …`);
  const published = content.published?.slice(0, 10);
  return {
    ok: true,
    value: {
      title,
      publisher: content.publisher?.trim() || new URL(url).hostname,
      ...(content.author === undefined ? {} : { author: content.author }),
      ...(published === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(published) ? {} : { published }),
      canonicalUrl: url,
      paragraphs,
    },
  };
}

/**
 * Reads the file back as the knowledge loader will, and counts the facts extracted from it, a
 * few paragraphs at a time: a long page's facts would otherwise hold the event loop.
 */
async function countFacts(file: ArticleFile): Promise<Step<number>> {
  const rel = `${ADDED_FOLDER}/${file.fileName}`;
  const parsed = parseArticle({ path: rel, rel, text: file.text });
  if (parsed.article === undefined || parsed.problems.length > 0) {
    const detail = parsed.problems.map(formatProblem).join("; ");
    return { ok: false, outcome: refuse(ADD_REFUSALS.unreadable, `article file: ${detail}`) };
  }
  const facts = await runStepsCooperatively(extractArticleFactsSteps(parsed.article));
  return { ok: true, value: facts.length };
}

function summarise(
  article: ExtractedArticle,
  file: ArticleFile,
  facts: number,
  addedAt: string,
): AddedArticleSummary {
  return {
    id: file.id,
    title: article.title,
    publisher: article.publisher,
    ...(article.published === undefined ? {} : { published: article.published }),
    url: article.canonicalUrl,
    paragraphs: article.paragraphs.length,
    facts,
    addedAt,
  };
}

/** The front matter's `added_by`: a salted hash for people, the feed's address for feeds. */
function describeOrigin(origin: ArticleOrigin): string {
  return origin.kind === "feed" ? `${FEED_ADDED_BY_PREFIX}${origin.feedUrl}` : origin.addedBy;
}

function toAddedFrom(origin: ArticleOrigin): AddedFrom {
  return origin.kind === "feed" ? { kind: "feed", feedUrl: origin.feedUrl } : { kind: "hand" };
}

function refuse(reason: string, detail: string): AddOutcome {
  return { kind: "refused", reason, detail };
}
