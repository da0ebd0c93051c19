import type { SafeFetchOptions } from "./safe-fetch.ts";
import type { SafeFetch } from "./types.ts";

/**
 * `createSafeFetch(options)`, made at the first fetch: the guarded fetcher's code is loaded then,
 * not while the bot starts, which answers questions before it fetches anything.
 */
export function createSafeFetchOnFirstUse(options: SafeFetchOptions): SafeFetch {
  let made: Promise<SafeFetch> | undefined;
  return async (request, signal) => {
    made ??= import("./safe-fetch.ts").then(({ createSafeFetch }) => createSafeFetch(options));
    return (await made)(request, signal);
  };
}
