import type { ServerResponse } from "node:http";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSafeFetch, DEFAULT_USER_AGENT } from "../../src/fetch/safe-fetch.ts";
import type { FetchRequest, SafeFetch } from "../../src/fetch/types.ts";
import { type LocalWebServer, startLocalWebServer } from "../helpers/local-web-server.ts";

const PAGE =
  "<html><head><title>Gwadar</title></head><body><p>The port at Gwādar.</p></body></html>";
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>';

function send(res: ServerResponse, status: number, headers: Record<string, string>, body = "") {
  res.writeHead(status, headers).end(body);
}

let server: LocalWebServer;
let other: LocalWebServer;
let safeFetch: SafeFetch;

beforeAll(async () => {
  other = await startLocalWebServer((_req, res) =>
    send(res, 200, { "content-type": "text/plain" }),
  );
  server = await startLocalWebServer((req, res) => {
    const path = new URL(req.url ?? "/", server.origin).pathname;
    const hops = /^\/hops\/(\d+)$/.exec(path);
    if (hops) {
      const left = Number(hops[1]);
      if (left === 0) send(res, 200, { "content-type": "text/html" }, PAGE);
      else send(res, 302, { location: `/hops/${left - 1}` });
      return;
    }
    switch (path) {
      case "/page":
        return send(res, 200, { "content-type": "text/html; charset=utf-8" }, PAGE);
      case "/gzip":
        res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
        return void res.end(gzipSync(PAGE));
      case "/br":
        res.writeHead(200, { "content-type": "text/html", "content-encoding": "br" });
        return void res.end(brotliCompressSync(PAGE));
      case "/latin1":
        res.writeHead(200, { "content-type": "text/plain; charset=ISO-8859-1" });
        return void res.end(Buffer.from("Café in Quetta", "latin1"));
      case "/feed":
        return send(res, 200, { "content-type": "application/rss+xml" }, FEED);
      case "/image":
        // Headers and a first piece, then nothing: a fetcher that reads this body never returns.
        res.writeHead(200, { "content-type": "image/png" });
        return void res.write(Buffer.alloc(1024));
      case "/untyped":
        return send(res, 200, {}, PAGE);
      case "/missing":
        return send(res, 404, { "content-type": "text/html" }, "<p>Not here</p>");
      case "/feed-etag":
        if (req.headers["if-none-match"] === '"v1"') return send(res, 304, { etag: '"v1"' });
        return send(res, 200, { "content-type": "application/rss+xml", etag: '"v1"' }, FEED);
      case "/busy":
        return send(res, 429, { "retry-after": "120", "content-type": "text/plain" }, "slow down");
      case "/down":
        return send(res, 503, { "retry-after": "60", "content-type": "text/plain" }, "later");
      case "/moved-relative":
        return send(res, 301, { location: "page?from=moved" });
      case "/to-other":
        return send(res, 307, { location: `${other.origin}/elsewhere` });
      default:
        return send(res, 500, { "content-type": "text/plain" }, "no such route");
    }
  });
  safeFetch = createSafeFetch({ allowHosts: [server.hostPort, other.hostPort] });
});

afterAll(async () => {
  await server.close();
  await other.close();
});

const get = (path: string, extra: Partial<FetchRequest> = {}) =>
  safeFetch({ url: `${server.origin}${path}`, accept: ["html"], ...extra });

describe("a guarded fetch from an allow-listed server", () => {
  it("reads a normal page, with its status, headers, media type and final URL", async () => {
    const result = await get("/page");
    expect(result).toMatchObject({
      ok: true,
      response: {
        url: `${server.origin}/page`,
        status: 200,
        contentType: "text/html",
        body: PAGE,
        headers: { "content-type": "text/html; charset=utf-8" },
      },
    });
  });

  it("says who it is and what it reads: the User-Agent, Accept and Accept-Encoding it sends", async () => {
    await get("/page", { headers: { "User-Agent": "curl/8", "X-Trace": "t1" } });
    const headers = server.requests.at(-1)?.headers ?? {};
    expect(headers["user-agent"]).toBe(DEFAULT_USER_AGENT);
    expect(headers["user-agent"]).toMatch(/^iranpak\/\d+\.\d+\.\d+ \(\+knowledge bot/);
    expect(headers.accept).toBe("text/html, application/xhtml+xml");
    expect(headers["accept-encoding"]).toBe("gzip, deflate, br");
    expect(headers["x-trace"]).toBe("t1");
  });

  it("closes its connection once the response is read", async () => {
    await get("/page");
    await server.whenIdle();
  });

  it("decodes a gzip body", async () => {
    const result = await get("/gzip");
    expect(result.ok && result.response.body).toBe(PAGE);
  });

  it("decodes a brotli body", async () => {
    const result = await get("/br");
    expect(result.ok && result.response.body).toBe(PAGE);
  });

  it("decodes by the charset the Content-Type names", async () => {
    const result = await get("/latin1", { accept: ["text"] });
    expect(result.ok && result.response.body).toBe("Café in Quetta");
  });

  it("reads a feed when the caller accepts feeds", async () => {
    const result = await get("/feed", { accept: ["feed"] });
    expect(result.ok && result.response).toMatchObject({
      contentType: "application/rss+xml",
      body: FEED,
    });
  });

  it("refuses an image before reading its body, and lets the connection go", async () => {
    const result = await get("/image", { accept: ["html", "text", "feed"] });
    expect(result).toEqual({
      ok: false,
      failure: { kind: "unsupported-content", detail: expect.stringContaining("image/png") },
    });
    await server.whenIdle();
  });

  it("refuses a page the caller does not read, and a body with no content type", async () => {
    const html = await get("/page", { accept: ["feed"] });
    expect(!html.ok && html.failure.kind).toBe("unsupported-content");
    const untyped = await get("/untyped");
    expect(!untyped.ok && untyped.failure.kind).toBe("unsupported-content");
  });

  it("returns a 404 as a response, without its body", async () => {
    const result = await get("/missing");
    expect(result).toMatchObject({ ok: true, response: { status: 404, body: "" } });
  });

  it("passes a 304 through, sending the caller's conditional headers", async () => {
    const result = await get("/feed-etag", {
      accept: ["feed"],
      headers: { "If-None-Match": '"v1"' },
    });
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBe('"v1"');
    expect(result).toMatchObject({
      ok: true,
      response: { status: 304, body: "", headers: { etag: '"v1"' } },
    });
  });

  it("shows Retry-After on a 429 and a 503", async () => {
    const busy = await get("/busy");
    expect(busy).toMatchObject({
      ok: true,
      response: { status: 429, body: "", headers: { "retry-after": "120" } },
    });
    const down = await get("/down");
    expect(down).toMatchObject({
      ok: true,
      response: { status: 503, headers: { "retry-after": "60" } },
    });
  });

  it("follows a relative redirect and reports the final URL", async () => {
    const result = await get("/moved-relative");
    expect(result).toMatchObject({
      ok: true,
      response: { url: `${server.origin}/page?from=moved`, status: 200, body: PAGE },
    });
  });

  it("follows five redirects", async () => {
    const result = await get("/hops/5");
    expect(result).toMatchObject({ ok: true, response: { url: `${server.origin}/hops/0` } });
  });

  it("stops at the sixth redirect", async () => {
    const result = await get("/hops/6");
    expect(!result.ok && result.failure.kind).toBe("too-many-redirects");
  });

  it("keeps credentials from another origin a redirect leads to, but not other headers", async () => {
    const result = await get("/to-other", {
      accept: ["text"],
      headers: { Authorization: "Bearer secret", Cookie: "a=1", "If-None-Match": '"x"' },
    });
    expect(result).toMatchObject({ ok: true, response: { url: `${other.origin}/elsewhere` } });
    expect(server.requests.at(-1)?.headers.authorization).toBe("Bearer secret");
    const seen = other.requests.at(-1)?.headers ?? {};
    expect(seen.authorization).toBeUndefined();
    expect(seen.cookie).toBeUndefined();
    expect(seen["if-none-match"]).toBe('"x"');
  });
});

describe("URLs that are not web addresses", () => {
  it.each([
    "ftp://example.com/file.txt",
    "file:///etc/passwd",
    "data:text/html,<p>hi</p>",
    "javascript:alert(1)",
    "not a url",
    "http://user:secret@example.com/",
  ])("refuses %s as an invalid URL", async (url) => {
    const result = await safeFetch({ url, accept: ["html"] });
    expect(!result.ok && result.failure.kind).toBe("invalid-url");
  });
});
