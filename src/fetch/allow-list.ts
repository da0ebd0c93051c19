/** Where a connection goes: the URL's scheme, host (as the URL parser normalised it) and port. */
export interface Target {
  protocol: string;
  /** Lower-cased, IDN in punycode, IPv4 in dotted decimal, IPv6 in brackets. */
  hostname: string;
  port: number;
  /** Whether the port is the scheme's own (80 for http, 443 for https). */
  defaultPort: boolean;
}

/** Hosts exempt from the address check (`INGEST_ALLOW_HOSTS`): intranet wikis, test servers. */
export interface AllowList {
  exempts(target: Target): boolean;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "http:": 80, "https:": 443 };

/** The target of a URL, or undefined for a scheme other than http and https. */
export function describeTarget(url: URL): Target | undefined {
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined) return undefined;
  return {
    protocol: url.protocol,
    hostname: trimTrailingDot(url.hostname),
    port: url.port === "" ? defaultPort : Number(url.port),
    defaultPort: url.port === "" || Number(url.port) === defaultPort,
  };
}

/**
 * Reads allow-list entries, `host` (that host on the default ports) or `host:port` (that port
 * only), with `[…]` around an IPv6 address. Hosts are normalised as URLs normalise them, so
 * `LOCALHOST` or `0x7f.1` in an entry match the URL's form. Throws on an entry that is not a
 * host: a mistyped allow list is a configuration error, found at startup.
 */
export function parseAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const hostPorts = new Set<string>();
  for (const entry of entries.map((e) => e.trim()).filter((e) => e !== "")) {
    const { hostname, port } = parseEntry(entry);
    if (port === undefined) hosts.add(hostname);
    else hostPorts.add(`${hostname}:${port}`);
  }
  return {
    exempts: (target) =>
      hostPorts.has(`${target.hostname}:${target.port}`) ||
      (target.defaultPort && hosts.has(target.hostname)),
  };
}

function parseEntry(entry: string): { hostname: string; port: number | undefined } {
  let url: URL;
  try {
    // The URL parser, so that an entry is read exactly as a fetched URL's host is.
    url = new URL(`http://${entry}/`);
  } catch {
    throw new Error(`allow-list entry "${entry}" is not a host or host:port`);
  }
  if (url.username !== "" || url.password !== "" || `${url.host}/` !== `${url.href.slice(7)}`) {
    throw new Error(`allow-list entry "${entry}" is not a host or host:port`);
  }
  const explicitPort = /:(\d+)$/.exec(entry)?.[1];
  const port = explicitPort === undefined ? undefined : Number(explicitPort);
  if (port !== undefined && (port < 1 || port > 65_535)) {
    throw new Error(`allow-list entry "${entry}" has no valid port`);
  }
  return { hostname: trimTrailingDot(url.hostname), port };
}

/** `example.com.` is the same host as `example.com`. */
function trimTrailingDot(hostname: string): string {
  return hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
}
