/**
 * A test-only `SafeFetch` over Node's own fetch, with none of the guards (no address checks,
 * caps or content-type allow-list): it lets the feeds core be tested against a local server
 * before the guarded fetcher (`src/fetch/`) is merged, and is to be replaced by it then.
 */
import type { ContentKind, FetchResult, SafeFetch } from "../../src/fetch/types.ts";

const ACCEPT: Record<ContentKind, string> = {
  html: "text/html, application/xhtml+xml",
  text: "text/plain",
  feed: "application/rss+xml, application/atom+xml, application/feed+json, application/xml, text/xml",
};

export const unguardedFetch: SafeFetch = async (request, signal): Promise<FetchResult> => {
  try {
    const response = await fetch(request.url, {
      headers: {
        accept: request.accept.map((kind) => ACCEPT[kind]).join(", "),
        ...request.headers,
      },
      signal,
    });
    const ok = response.status >= 200 && response.status <= 299;
    const body = ok ? await response.text() : "";
    if (!ok) await response.body?.cancel();
    return {
      ok: true,
      response: {
        url: response.url,
        status: response.status,
        headers: Object.fromEntries(response.headers),
        contentType:
          (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "",
        body,
      },
    };
  } catch (error) {
    return { ok: false, failure: { kind: "network", detail: String(error) } };
  }
};
