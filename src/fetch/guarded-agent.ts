import type { LookupAddress } from "node:dns";
import { lookup as lookupWithSystem } from "node:dns/promises";
import { isIPv6, type LookupFunction } from "node:net";
import { Agent, buildConnector } from "undici";
import { classifyAddress } from "./address-policy.ts";
import type { AllowList } from "./allow-list.ts";
import { FetchStop } from "./fetch-stop.ts";
import { checkTarget } from "./target-policy.ts";

/** Every address a host name resolves to; injectable so tests resolve names without DNS. */
export type ResolveHost = (hostname: string) => Promise<readonly LookupAddress[]>;

export const resolveWithSystem: ResolveHost = (hostname) =>
  lookupWithSystem(hostname, { all: true });

/**
 * An undici Agent whose every connection is checked as it is made: the target again (scheme,
 * port, allow list, IP literal), then each address the host resolves to, in the lookup the
 * socket itself uses. Checking there, not before the request, leaves DNS no window to answer
 * one address to the check and another to the connection.
 */
export function createGuardedAgent(allowList: AllowList, resolve: ResolveHost): Agent {
  const checked = buildConnector({ lookup: createLookup(resolve, true) });
  const exempt = buildConnector({ lookup: createLookup(resolve, false) });
  return new Agent({
    connect(options, callback) {
      const host = isIPv6(options.hostname) ? `[${options.hostname}]` : options.hostname;
      const port = options.port === "" ? "" : `:${options.port}`;
      const check = checkTarget(new URL(`${options.protocol}//${host}${port}`), allowList);
      if (!check.ok) {
        callback(new FetchStop(check.failure.kind, check.failure.detail), null);
        return;
      }
      (check.exempt ? exempt : checked)(options, callback);
    },
  });
}

function createLookup(resolve: ResolveHost, check: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, resolve, check).then(
      (addresses) => {
        const family = familyNumber(options.family);
        const usable = addresses.filter((a) => family === 0 || a.family === family);
        const first = usable[0];
        if (first === undefined) callback(notFound(hostname), "");
        else if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}

async function resolveAll(
  hostname: string,
  resolve: ResolveHost,
  check: boolean,
): Promise<LookupAddress[]> {
  const addresses = [...(await resolve(hostname))];
  if (addresses.length === 0) throw notFound(hostname);
  if (!check) return addresses;
  // Every address, not only the one connected to: the socket may fall back to any of them.
  for (const { address } of addresses) {
    const verdict = classifyAddress(address);
    if (!verdict.public) {
      throw new FetchStop("not-allowed", `${hostname} resolves to ${address}: ${verdict.range}`);
    }
  }
  return addresses;
}

function familyNumber(family: number | string | undefined): number {
  if (family === "IPv4" || family === 4) return 4;
  if (family === "IPv6" || family === 6) return 6;
  return 0;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" });
}
