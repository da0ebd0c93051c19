import type { FetchFailureKind } from "./types.ts";

/**
 * What a person is told when a fetch fails: one plain sentence per kind, and never which check
 * stopped it (that is in the failure's `detail`, for the log).
 */
export const FETCH_FAILURE_MESSAGES: Readonly<Record<FetchFailureKind, string>> = {
  "invalid-url": "That isn't a web address I can open",
  "not-allowed": "That address is not allowed",
  "too-many-redirects": "That link redirects too many times",
  timeout: "That page took too long to load",
  "too-large": "That page is too large",
  "unsupported-content": "That link doesn't lead to a web page or feed",
  network: "That page could not be reached",
};

export function explainFetchFailure(kind: FetchFailureKind): string {
  return FETCH_FAILURE_MESSAGES[kind];
}
