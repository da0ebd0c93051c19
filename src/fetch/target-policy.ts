import { isIP } from "node:net";
import { classifyAddress } from "./address-policy.ts";
import { type AllowList, describeTarget } from "./allow-list.ts";
import type { FetchFailure } from "./types.ts";

export type TargetCheck =
  | {
      ok: true;
      /** Allow-listed: connect without checking addresses. */
      exempt: boolean;
    }
  | { ok: false; failure: FetchFailure };

/**
 * What can be said about a URL before connecting: its scheme, its port, the allow list, and an
 * IP literal's address (Node never looks a literal up, so the connect-time check cannot see
 * it). Run on the first URL and on every redirect, and again by the connector.
 */
export function checkTarget(url: URL, allowList: AllowList): TargetCheck {
  const target = describeTarget(url);
  if (target === undefined) {
    return refuse("invalid-url", `scheme ${url.protocol} is not http or https`);
  }
  if (url.username !== "" || url.password !== "") {
    return refuse("invalid-url", "the URL carries a user name or password");
  }
  if (allowList.exempts(target)) return { ok: true, exempt: true };
  const where = `${target.hostname}:${target.port}`;
  if (!target.defaultPort) {
    return refuse("not-allowed", `${where}: not a default port, and not in the allow list`);
  }
  const literal = stripBrackets(target.hostname);
  if (isIP(literal) !== 0) {
    const verdict = classifyAddress(literal);
    if (!verdict.public) return refuse("not-allowed", `${where}: ${verdict.range}`);
  }
  return { ok: true, exempt: false };
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
}

function refuse(kind: FetchFailure["kind"], detail: string): TargetCheck {
  return { ok: false, failure: { kind, detail } };
}
