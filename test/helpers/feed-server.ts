/**
 * A local HTTP server for feed tests, on loopback.
 *
 *   const server = await startFeedServer();
 *   server.route("/rss", () => ({ body: rss, type: "application/rss+xml", etag: '"v1"' }));
 *   const url = server.url("/rss");
 *   server.requests("/rss");          // every request to that path, with its headers
 *   await server.close();
 *
 * A route answers 304 by itself when the request's If-None-Match matches the ETag it would
 * send, as a well-behaved feed server does; a handler may be swapped between polls, and may
 * return a promise to hold its answer back (a page that hangs until the test lets it go).
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface FeedReply {
  status?: number;
  body?: string;
  type?: string;
  etag?: string;
  lastModified?: string;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** When it arrived, `Date.now()`. */
  at: number;
}

export interface FeedServer {
  url(path: string): string;
  route(path: string, handler: () => FeedReply | Promise<FeedReply>): void;
  requests(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, () => FeedReply | Promise<FeedReply>>();
  const recorded: RecordedRequest[] = [];
  const server = createServer(async (request, response) => {
    const path = request.url ?? "/";
    recorded.push({ path, headers: request.headers, at: Date.now() });
    const handler = routes.get(path);
    if (handler === undefined) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const reply = await handler();
    if (response.destroyed) return;
    const headers: Record<string, string> = {
      "content-type": reply.type ?? "application/rss+xml; charset=utf-8",
      ...(reply.etag === undefined ? {} : { etag: reply.etag }),
      ...(reply.lastModified === undefined ? {} : { "last-modified": reply.lastModified }),
      ...reply.headers,
    };
    if (reply.etag !== undefined && request.headers["if-none-match"] === reply.etag) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(reply.status ?? 200, headers).end(reply.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => routes.set(path, handler),
    requests: (path) => recorded.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
