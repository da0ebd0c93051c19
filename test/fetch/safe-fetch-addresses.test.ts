import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSafeFetch } from "../../src/fetch/safe-fetch.ts";
import { type LocalWebServer, startLocalWebServer } from "../helpers/local-web-server.ts";

let allowed: LocalWebServer;
let unlisted: LocalWebServer;

beforeAll(async () => {
  unlisted = await startLocalWebServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" }).end("<p>internal admin page</p>");
  });
  allowed = await startLocalWebServer((req, res) => {
    const to = new URL(req.url ?? "/", allowed.origin).searchParams.get("to");
    if (to !== null) res.writeHead(302, { location: to }).end();
    else res.writeHead(200, { "content-type": "text/html" }).end("<p>hello</p>");
  });
});

afterAll(async () => {
  await allowed.close();
  await unlisted.close();
});

/** A resolver for made-up names, remembering what it was asked. */
function fakeDns(names: Record<string, readonly string[]>) {
  const asked: string[] = [];
  const lookup = async (hostname: string): Promise<LookupAddress[]> => {
    asked.push(hostname);
    return (names[hostname] ?? []).map((address) => ({
      address,
      family: address.includes(":") ? 6 : 4,
    }));
  };
  return { lookup, asked };
}

const redirectTo = (target: string) => `${allowed.origin}/?to=${encodeURIComponent(target)}`;

describe("addresses the fetcher refuses", () => {
  it("refuses a redirect from the allowed server to the cloud metadata address", async () => {
    const safeFetch = createSafeFetch({ allowHosts: [allowed.hostPort] });
    const result = await safeFetch({
      url: redirectTo("http://169.254.169.254/latest/meta-data/"),
      accept: ["html"],
    });
    expect(result).toEqual({
      ok: false,
      failure: { kind: "not-allowed", detail: expect.stringContaining("link-local") },
    });
  });

  it("refuses a redirect from the allowed server to another local port not in the list", async () => {
    const safeFetch = createSafeFetch({ allowHosts: [allowed.hostPort] });
    const result = await safeFetch({
      url: redirectTo(`${unlisted.origin}/admin`),
      accept: ["html"],
    });
    expect(!result.ok && result.failure.kind).toBe("not-allowed");
    expect(allowed.connections()).toBeGreaterThan(0);
    expect(unlisted.connections()).toBe(0);
  });

  it("refuses a loopback server that is not in the allow list, connecting to nothing", async () => {
    const safeFetch = createSafeFetch({ allowHosts: [`localhost:${unlisted.port}`] });
    const before = unlisted.connections();
    for (const url of [`${unlisted.origin}/`, `http://2130706433:${unlisted.port}/`]) {
      const result = await safeFetch({ url, accept: ["html"] });
      expect(!result.ok && result.failure.kind).toBe("not-allowed");
    }
    expect(unlisted.connections()).toBe(before);
  });

  it.each([
    ["decimal", "http://2130706433/"],
    ["hex", "http://0x7f.1/"],
    ["octal", "http://0177.0.0.1/"],
    ["short", "http://127.1/"],
    ["zero", "http://0/"],
    ["IPv6 loopback", "http://[::1]/"],
    ["IPv4-mapped IPv6", "http://[::ffff:127.0.0.1]/"],
    ["IPv4-mapped IPv6 of the metadata address", "http://[::ffff:a9fe:a9fe]/"],
    ["NAT64", "http://[64:ff9b::7f00:1]/"],
    ["NAT64 of a private address", "http://[64:ff9b::10.0.0.1]/"],
    ["6to4", "https://[2002:c0a8:101::1]/"],
    ["metadata", "http://169.254.169.254/latest/meta-data/"],
    ["private", "https://10.1.2.3/"],
    ["CGNAT", "http://100.64.0.1/"],
    ["unique local", "http://[fd00::1]/"],
    ["link-local IPv6", "http://[fe80::1]/"],
  ])("refuses a literal %s address (%s)", async (_form, url) => {
    const { lookup, asked } = fakeDns({});
    const result = await createSafeFetch({ lookup })({ url, accept: ["html"] });
    expect(!result.ok && result.failure.kind).toBe("not-allowed");
    expect(asked).toEqual([]);
  });

  it("refuses a name that resolves to a private address, at connect time", async () => {
    const { lookup, asked } = fakeDns({ "evil.test": ["10.0.0.1"] });
    const result = await createSafeFetch({ lookup })({
      url: "http://evil.test/article",
      accept: ["html"],
    });
    expect(result).toEqual({
      ok: false,
      failure: {
        kind: "not-allowed",
        detail: "evil.test resolves to 10.0.0.1: private (10.0.0.0/8)",
      },
    });
    expect(asked).toEqual(["evil.test"]);
  });

  it("refuses a name with one private address among public ones", async () => {
    const { lookup } = fakeDns({
      "mixed.test": ["93.184.215.14", "2606:2800:21f::1", "127.0.0.1"],
    });
    const result = await createSafeFetch({ lookup })({
      url: "https://mixed.test/",
      accept: ["html"],
    });
    expect(!result.ok && result.failure.kind).toBe("not-allowed");
  });

  it("refuses a name resolving to loopback before any connection is tried", async () => {
    // Were the check missed, this would reach port 80 on loopback: refused there, a network fault.
    const { lookup } = fakeDns({ "rebind.test": ["127.0.0.1"] });
    const result = await createSafeFetch({ lookup })({
      url: "http://rebind.test/",
      accept: ["html"],
    });
    expect(!result.ok && result.failure.kind).toBe("not-allowed");
  });

  it("refuses a public name on a port other than the default", async () => {
    const { lookup, asked } = fakeDns({ "news.test": ["93.184.215.14"] });
    const result = await createSafeFetch({ lookup })({
      url: "http://news.test:8080/",
      accept: ["html"],
    });
    expect(!result.ok && result.failure.kind).toBe("not-allowed");
    expect(asked).toEqual([]);
  });

  it("connects to an allow-listed name without checking where it resolves", async () => {
    const { lookup, asked } = fakeDns({ "wiki.test": ["127.0.0.1"] });
    const safeFetch = createSafeFetch({ lookup, allowHosts: [`wiki.test:${allowed.port}`] });
    const result = await safeFetch({ url: `http://wiki.test:${allowed.port}/`, accept: ["html"] });
    expect(result).toMatchObject({ ok: true, response: { status: 200, body: "<p>hello</p>" } });
    expect(asked).toEqual(["wiki.test"]);
  });

  it("checks a redirect from an allow-listed name to a name that is not", async () => {
    const { lookup } = fakeDns({ "wiki.test": ["127.0.0.1"], "evil.test": ["192.168.0.10"] });
    const safeFetch = createSafeFetch({ lookup, allowHosts: [`wiki.test:${allowed.port}`] });
    const result = await safeFetch({
      url: `http://wiki.test:${allowed.port}/?to=${encodeURIComponent("https://evil.test/")}`,
      accept: ["html"],
    });
    expect(result).toEqual({
      ok: false,
      failure: { kind: "not-allowed", detail: expect.stringContaining("192.168.0.10") },
    });
  });

  it("reports a name with no address as a network fault", async () => {
    const { lookup } = fakeDns({});
    const result = await createSafeFetch({ lookup })({
      url: "http://nowhere.test/",
      accept: ["html"],
    });
    expect(result).toEqual({
      ok: false,
      failure: { kind: "network", detail: expect.stringContaining("ENOTFOUND") },
    });
  });
});
