import { describe, expect, it } from "vitest";
import { classifyAddress } from "../../src/fetch/address-policy.ts";

const PUBLIC = [
  "8.8.8.8",
  "1.1.1.1",
  "11.0.0.0",
  "100.63.255.255",
  "100.128.0.0",
  "169.253.255.255",
  "172.15.255.255",
  "172.32.0.0",
  "192.167.255.255",
  "192.169.0.0",
  "198.17.255.255",
  "198.20.0.0",
  "223.255.255.255",
  "2606:4700:4700::1111",
  "2a00:1450:4001:80b::200e",
  "::ffff:8.8.8.8",
  "64:ff9b::808:808",
  "2002:808:808::1",
];

/** Each refused address with a word the reason must contain. */
const REFUSED: readonly (readonly [address: string, reason: string])[] = [
  ["0.0.0.0", "this network"],
  ["0.1.2.3", "this network"],
  ["10.0.0.1", "private"],
  ["10.255.255.255", "private"],
  ["100.64.0.1", "carrier-grade NAT"],
  ["100.127.255.255", "carrier-grade NAT"],
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["169.254.169.254", "link-local"],
  ["169.254.0.1", "link-local"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.0.0.8", "IETF"],
  ["192.0.2.1", "documentation"],
  ["192.88.99.1", "6to4 relay"],
  ["192.168.1.1", "private"],
  ["198.18.0.1", "benchmarking"],
  ["198.19.255.255", "benchmarking"],
  ["198.51.100.7", "documentation"],
  ["203.0.113.9", "documentation"],
  ["224.0.0.251", "multicast"],
  ["239.255.255.250", "multicast"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.255", "broadcast"],
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["::ffff:127.0.0.1", "IPv4-mapped form of 127.0.0.1, loopback"],
  ["::ffff:7f00:1", "IPv4-mapped form of 127.0.0.1, loopback"],
  ["::ffff:169.254.169.254", "IPv4-mapped form of 169.254.169.254, link-local"],
  ["::ffff:10.0.0.1", "IPv4-mapped form of 10.0.0.1, private"],
  ["::ffff:100.64.0.1", "carrier-grade NAT"],
  ["64:ff9b::7f00:1", "NAT64 form of 127.0.0.1, loopback"],
  ["64:ff9b::a9fe:a9fe", "NAT64 form of 169.254.169.254, link-local"],
  ["64:ff9b::c0a8:101", "NAT64 form of 192.168.1.1, private"],
  ["64:ff9b:1::1", "local-use NAT64"],
  ["2002:7f00:1::1", "6to4 form of 127.0.0.1, loopback"],
  ["2002:a00:1::", "6to4 form of 10.0.0.1, private"],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
  ["2001::1", "Teredo"],
  ["2001:2::1", "IETF"],
  ["2001:db8::1", "documentation"],
  ["3fff::1", "documentation"],
  ["100::1", "discard-only"],
  ["fc00::1", "unique local"],
  ["fd12:3456:789a::1", "unique local"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local"],
  ["fec0::1", "site-local"],
  ["ff02::1", "multicast"],
  ["::127.0.0.1", "reserved"],
  ["::8.8.8.8", "reserved"],
  ["5f00::1", "reserved"],
  ["not-an-address", "not an IP address"],
  ["", "not an IP address"],
];

describe("the address classifier", () => {
  it.each(PUBLIC)("lets %s through as public", (address) => {
    expect(classifyAddress(address)).toEqual({ public: true });
  });

  it.each(REFUSED)("refuses %s as %s", (address, reason) => {
    const verdict = classifyAddress(address);
    expect(verdict.public).toBe(false);
    expect(verdict.public === false && verdict.range).toContain(reason);
  });
});
