import type { FetchFailureKind } from "../fetch/types.ts";

/**
 * What an editor reads in `/iranpak sources` when a feed's poll failed: one plain sentence per
 * kind of failure, never which internal check refused it (the log has that).
 */
const FETCH_FAILURE_MESSAGES: Record<FetchFailureKind, string> = {
  "invalid-url": "The feed's address is not a valid web address.",
  "not-allowed": "The feed's address is not allowed.",
  "too-many-redirects": "The feed's address redirects too many times.",
  timeout: "The feed's server took too long to answer.",
  "too-large": "The feed is larger than the bot reads.",
  "unsupported-content": "The address did not return a feed.",
  network: "The feed's server could not be reached.",
};

export function describeFetchFailure(kind: FetchFailureKind): string {
  return FETCH_FAILURE_MESSAGES[kind];
}

export function describeHttpStatus(status: number): string {
  if (status === 429) return "The feed's server asked the bot to slow down (HTTP 429).";
  if (status === 503) return "The feed's server is unavailable for now (HTTP 503).";
  if (status === 404 || status === 410)
    return `The feed is no longer at this address (HTTP ${status}).`;
  if (status === 401 || status === 403) return `The feed's server refused access (HTTP ${status}).`;
  if (status >= 500) return `The feed's server had an error (HTTP ${status}).`;
  return `The feed's server answered HTTP ${status} instead of the feed.`;
}

export const UNEXPECTED_FAILURE_MESSAGE =
  "The feed could not be read because of an unexpected error.";
