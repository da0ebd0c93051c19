/**
 * The contract between the guarded fetcher (`src/fetch/`) and what it serves: added URLs and
 * feeds. Fixed before either was written so that both build on one fetcher.
 */

/** What a caller will accept as a body; anything else is refused before it is read. */
export type ContentKind = "html" | "text" | "feed";

export interface FetchRequest {
  url: string;
  /** Extra request headers, such as `If-None-Match` and `If-Modified-Since` for feeds. */
  headers?: Readonly<Record<string, string>>;
  accept: readonly ContentKind[];
}

/** A final (non-redirect) HTTP response: any status, 304 and 5xx included; the caller decides. */
export interface FetchedResponse {
  /** The URL after every redirect. */
  url: string;
  /**
   * Where the requested URL moved for good: the target of the last of the permanent redirects
   * (301, 308) the chain began with, before any temporary one; absent when it began with none.
   */
  movedTo?: string;
  status: number;
  /** Response headers, names lower-cased. */
  headers: Readonly<Record<string, string>>;
  /** The media type without parameters, lower-cased; "" when absent. */
  contentType: string;
  /** The decoded body text (empty for 304 and for statuses other than 2xx). */
  body: string;
}

/** Why nothing was fetched: each kind has one plain sentence for users; `detail` is for the log. */
export type FetchFailureKind =
  | "invalid-url"
  | "not-allowed"
  | "too-many-redirects"
  | "timeout"
  | "too-large"
  | "unsupported-content"
  | "network";

export interface FetchFailure {
  kind: FetchFailureKind;
  /** What exactly failed, for the log only: never shown to a user. */
  detail: string;
}

export type FetchResult =
  | { ok: true; response: FetchedResponse }
  | { ok: false; failure: FetchFailure };

/** Fetches one URL with every guard on; never throws for network or server faults. */
export type SafeFetch = (request: FetchRequest, signal?: AbortSignal) => Promise<FetchResult>;
