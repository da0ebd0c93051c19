import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSafeFetch, DEFAULT_FETCH_MAX_BYTES } from "../../src/fetch/safe-fetch.ts";
import type { FetchRequest } from "../../src/fetch/types.ts";
import { type LocalWebServer, startLocalWebServer } from "../helpers/local-web-server.ts";

const MB = 1024 * 1024;
const HUGE_PAGE_BYTES = 30 * MB;

/** Gzip members of 1 MB of zeros, one after another: gunzip reads them as one body. */
function gzipBomb(megabytes: number): Buffer {
  const member = gzipSync(Buffer.alloc(MB), { level: 9 });
  return Buffer.concat(Array.from({ length: megabytes }, () => member));
}

/** 8 MB of zeros in about 8 KB. */
const BOMB = gzipBomb(8);
/** 1 GB of zeros in a few KB: gzip of a gzip bomb. */
const NESTED_BOMB = gzipSync(gzipBomb(1024), { level: 9 });

/** Writes a 30 MB page as fast as the reader takes it, noting how much went out before it stopped. */
function streamHugePage(res: ServerResponse, declareLength: boolean) {
  res.writeHead(200, {
    "content-type": "text/html",
    ...(declareLength ? { "content-length": String(HUGE_PAGE_BYTES) } : {}),
  });
  const chunk = Buffer.alloc(64 * 1024, "<p>filler</p>\n");
  let written = 0;
  const writeMore = () => {
    while (written < HUGE_PAGE_BYTES && !res.destroyed) {
      written += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", writeMore);
    }
    res.end();
  };
  res.on("close", () => {
    hugePageBytesWritten = written;
  });
  writeMore();
}

let hugePageBytesWritten = 0;
let server: LocalWebServer;

beforeAll(async () => {
  server = await startLocalWebServer((req, res) => {
    const path = new URL(req.url ?? "/", server.origin).pathname;
    const slowHop = /^\/slow\/(\d+)$/.exec(path);
    if (slowHop) {
      const left = Number(slowHop[1]);
      const timer = setTimeout(() => {
        if (left === 0) res.writeHead(200, { "content-type": "text/html" }).end("<p>at last</p>");
        else res.writeHead(302, { location: `/slow/${left - 1}` }).end();
      }, 120);
      res.on("close", () => clearTimeout(timer));
      return;
    }
    switch (path) {
      case "/huge":
        return streamHugePage(res, false);
      case "/huge-declared":
        return streamHugePage(res, true);
      case "/bomb":
        res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
        return void res.end(BOMB);
      case "/nested-bomb":
        res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip, gzip" });
        return void res.end(NESTED_BOMB);
      case "/never":
        return; // accepts the request and never answers
      case "/trickle": {
        res.writeHead(200, { "content-type": "text/html" });
        const timer = setInterval(() => res.write("."), 20);
        res.on("close", () => clearInterval(timer));
        return;
      }
    }
  });
});

afterAll(async () => {
  await server.close();
});

const request = (path: string): FetchRequest => ({
  url: `${server.origin}${path}`,
  accept: ["html"],
});

describe("a fetch's size cap", () => {
  it("cuts a 30 MB page at the cap, and the server stops sending", async () => {
    const result = await createSafeFetch({ allowHosts: [server.hostPort] })(request("/huge"));
    expect(!result.ok && result.failure.kind).toBe("too-large");
    await server.whenIdle();
    expect(hugePageBytesWritten).toBeLessThan(HUGE_PAGE_BYTES);
  });

  it("refuses a page whose declared length is over the cap", async () => {
    const result = await createSafeFetch({ allowHosts: [server.hostPort] })(
      request("/huge-declared"),
    );
    expect(result).toEqual({
      ok: false,
      failure: { kind: "too-large", detail: expect.stringContaining("content-length") },
    });
  });

  it("stops a gzip bomb of a few KB at the cap on what it inflates to", async () => {
    expect(BOMB.length).toBeLessThan(16 * 1024);
    const result = await createSafeFetch({ allowHosts: [server.hostPort] })(request("/bomb"));
    expect(result).toEqual({
      ok: false,
      failure: { kind: "too-large", detail: expect.stringContaining("after decoding") },
    });
  });

  it("stops a doubly gzipped bomb (1 GB) at the cap, holding no more than about the cap", async () => {
    expect(NESTED_BOMB.length).toBeLessThan(16 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }, 1);
    const result = await createSafeFetch({ allowHosts: [server.hostPort] })(
      request("/nested-bomb"),
    );
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    expect(!result.ok && result.failure.kind).toBe("too-large");
    expect(peak - before).toBeLessThan(DEFAULT_FETCH_MAX_BYTES * 8);
  });
});

describe("a fetch's one deadline", () => {
  const safeFetch = () => createSafeFetch({ allowHosts: [server.hostPort], timeoutMs: 300 });

  it("ends a fetch from a server that never answers, and closes the connection", async () => {
    const result = await safeFetch()(request("/never"));
    expect(result).toEqual({
      ok: false,
      failure: { kind: "timeout", detail: "no complete response within 300 ms" },
    });
    await server.whenIdle();
  });

  it("ends a body that trickles forever, though each byte comes quickly", async () => {
    const result = await safeFetch()(request("/trickle"));
    expect(!result.ok && result.failure.kind).toBe("timeout");
    await server.whenIdle();
  });

  it("covers every redirect together, though each hop is quick enough on its own", async () => {
    const result = await safeFetch()(request("/slow/4"));
    expect(!result.ok && result.failure.kind).toBe("timeout");
  });

  it("ends at once when the caller aborts, and closes the connection", async () => {
    const controller = new AbortController();
    const asked = server.requests.length;
    const pending = createSafeFetch({ allowHosts: [server.hostPort] })(
      request("/never"),
      controller.signal,
    );
    await expect.poll(() => server.requests.length).toBe(asked + 1);
    controller.abort();
    expect(await pending).toEqual({
      ok: false,
      failure: { kind: "network", detail: "aborted by the caller" },
    });
    await server.whenIdle();
  });

  it("does not connect at all for a signal already aborted", async () => {
    const connections = server.connections();
    const result = await createSafeFetch({ allowHosts: [server.hostPort] })(
      request("/never"),
      AbortSignal.abort(),
    );
    expect(!result.ok && result.failure.kind).toBe("network");
    expect(server.connections()).toBe(connections);
  });
});
