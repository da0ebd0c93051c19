import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** Whether an address may be fetched from; `range` names why not, for the log. */
export type AddressVerdict = { public: true } | { public: false; range: string };

/**
 * Every range the fetcher never connects to, first match wins. From IANA's IPv4 and IPv6
 * special-purpose address registries: what is not globally reachable, or reaches something
 * other than the one host the address names (multicast, broadcast, anycast relays).
 */
const BLOCKED_RANGES: readonly (readonly [cidr: string, name: string])[] = [
  ["0.0.0.0/8", "this network"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "carrier-grade NAT"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "IETF protocol assignments"],
  ["192.0.2.0/24", "documentation"],
  ["192.88.99.0/24", "6to4 relay anycast"],
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "benchmarking"],
  ["198.51.100.0/24", "documentation"],
  ["203.0.113.0/24", "documentation"],
  ["224.0.0.0/4", "multicast"],
  ["255.255.255.255/32", "broadcast"],
  ["240.0.0.0/4", "reserved"],
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["64:ff9b:1::/48", "local-use NAT64"],
  ["100::/64", "discard-only"],
  // Teredo tunnels to whatever IPv4 host holds the mapping: refused whole, not only when the
  // client address inside it is private.
  ["2001::/32", "Teredo"],
  ["2001::/23", "IETF protocol assignments"],
  ["2001:db8::/32", "documentation"],
  ["3fff::/20", "documentation"],
  ["fc00::/7", "unique local"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "site-local"],
  ["ff00::/8", "multicast"],
];

/**
 * IPv6 forms that carry an IPv4 address a connection ends up at: they are as public as the
 * address inside them.
 */
const EMBEDDED_IPV4: readonly (readonly [
  cidr: string,
  name: string,
  bytes: (v6: number[]) => number[],
])[] = [
  ["::ffff:0:0/96", "IPv4-mapped", (bytes) => bytes.slice(12, 16)],
  ["64:ff9b::/96", "NAT64", (bytes) => bytes.slice(12, 16)],
  ["2002::/16", "6to4", (bytes) => bytes.slice(2, 6)],
];

/** IPv6 unicast that is allocated for the internet; everything outside it is not fetched. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

const PARSED_BLOCKED = BLOCKED_RANGES.map(([cidr, name]) => ({
  range: ipaddr.parseCIDR(cidr),
  name,
}));
const PARSED_EMBEDDED = EMBEDDED_IPV4.map(([cidr, name, bytes]) => ({
  range: ipaddr.parseCIDR(cidr),
  name,
  bytes,
}));

/**
 * Classifies an IP address (the text form a resolver or the URL parser gives) as public or
 * not. Anything that does not parse as an address is not public: the check fails closed.
 */
export function classifyAddress(address: string): AddressVerdict {
  const parsed = parseAddress(address);
  if (parsed === undefined) return { public: false, range: "not an IP address" };
  return classifyParsed(parsed);
}

/**
 * Strict dotted-quad IPv4 or IPv6. IPv6 goes through the URL parser's canonical form first:
 * ipaddr.js reads `::a.b.c.d` (IPv4-compatible, as glibc prints such an address) as the
 * IPv4-mapped `::ffff:a.b.c.d`, another address.
 */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // A zone (`fe80::1%eth0`) says which interface, not which range.
  const bare = address.replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return ipaddr.IPv4.parse(bare);
  if (family === 6) return ipaddr.IPv6.parse(new URL(`http://[${bare}]/`).hostname.slice(1, -1));
  return undefined;
}

function classifyParsed(address: ipaddr.IPv4 | ipaddr.IPv6): AddressVerdict {
  if (address.kind() === "ipv6") {
    const embedded = classifyEmbedded(address as ipaddr.IPv6);
    if (embedded) return embedded;
  }
  const blocked = PARSED_BLOCKED.find(
    ({ range }) => range[0].kind() === address.kind() && address.match(range),
  );
  if (blocked) return { public: false, range: `${blocked.name} (${formatRange(blocked.range)})` };
  if (address.kind() === "ipv6" && !address.match(GLOBAL_UNICAST_V6)) {
    return { public: false, range: "reserved (outside 2000::/3)" };
  }
  return { public: true };
}

function classifyEmbedded(address: ipaddr.IPv6): AddressVerdict | undefined {
  const form = PARSED_EMBEDDED.find(({ range }) => address.match(range));
  if (!form) return undefined;
  const inner = ipaddr.fromByteArray(form.bytes(address.toByteArray()));
  const verdict = classifyParsed(inner);
  if (verdict.public) return verdict;
  return { public: false, range: `${form.name} form of ${inner.toString()}, ${verdict.range}` };
}

function formatRange([address, bits]: [ipaddr.IPv4 | ipaddr.IPv6, number]): string {
  return `${address.toString()}/${bits}`;
}
