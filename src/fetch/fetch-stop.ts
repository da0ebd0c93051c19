import type { FetchFailure, FetchFailureKind } from "./types.ts";

/**
 * Thrown inside the fetcher (and through undici's connector and body streams, which pass errors
 * on as they are) when a guard stops a fetch; turned back into a `FetchFailure` at the top.
 */
export class FetchStop extends Error {
  readonly failure: FetchFailure;

  constructor(kind: FetchFailureKind, detail: string) {
    super(detail);
    this.name = "FetchStop";
    this.failure = { kind, detail };
  }
}

/** The guard's stop inside an error or its chain of causes, if a guard stopped the fetch. */
export function findFetchStop(error: unknown): FetchStop | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof FetchStop) return e;
  }
  return undefined;
}

/** An error and its causes in one line, with their codes: the log's detail for a network fault. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e !== undefined && depth < 8; depth++) {
    if (!(e instanceof Error)) {
      parts.push(String(e));
      break;
    }
    const code = (e as NodeJS.ErrnoException).code;
    parts.push(code === undefined ? e.message : `${code}: ${e.message}`);
    e = e.cause;
  }
  return parts.join(" ← ");
}
