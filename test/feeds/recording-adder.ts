import type { SafeFetch } from "../../src/fetch/types.ts";
import type { AddArticle, AddOutcome, AddRequest } from "../../src/ingest/add-types.ts";

/**
 * A stand-in for the ingestion pipeline in feed tests: records every request, recognises an
 * address or GUID it has added as a duplicate and, given a fetcher, fetches links the feed
 * does not carry whole, refusing what the fetcher refuses.
 */
export interface RecordingAdder {
  addArticle: AddArticle;
  requests: AddRequest[];
  added: string[];
}

export function createRecordingAdder(options: { fetch?: SafeFetch } = {}): RecordingAdder {
  const requests: AddRequest[] = [];
  const added: string[] = [];
  const guids = new Set<string>();
  const addArticle: AddArticle = async (request) => {
    requests.push(request);
    const guid = request.origin.kind === "feed" ? request.origin.guid : undefined;
    if (added.includes(request.url) || (guid !== undefined && guids.has(guid))) {
      return { kind: "duplicate", how: "same-url", of: summary(request.url) };
    }
    if (request.content === undefined && options.fetch !== undefined) {
      const fetched = await options.fetch({ url: request.url, accept: ["html"] });
      if (!fetched.ok) {
        return {
          kind: "refused",
          reason: "The page could not be fetched.",
          detail: fetched.failure.kind,
        };
      }
    }
    added.push(request.url);
    if (guid !== undefined) guids.add(guid);
    return { kind: "added", article: summary(request.url) } satisfies AddOutcome;
  };
  return { addArticle, requests, added };
}

function summary(url: string) {
  return {
    id: url,
    title: url,
    publisher: "test",
    url,
    paragraphs: 1,
    facts: 0,
    addedAt: "2026-12-07T00:00:00Z",
  };
}

/**
 * An adder in a process killed mid-poll: it stores the first item it is offered through
 * `adder`, then never answers for the next, as a process that died would not.
 */
export function createDyingAdder(adder: RecordingAdder): {
  addArticle: AddArticle;
  offered(): number;
} {
  let offered = 0;
  return {
    addArticle: (request) => {
      offered += 1;
      return offered === 1 ? adder.addArticle(request) : new Promise(() => {});
    },
    offered: () => offered,
  };
}
