import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type RequestListener } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A web server on loopback for tests: it counts connections and remembers what it was asked. */
export interface LocalWebServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `127.0.0.1:<port>`, as an allow-list entry names it. */
  hostPort: string;
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  /** Each request's path and headers, in order. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Resolves once every connection the server accepted has closed. */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalWebServer(handle: RequestListener): Promise<LocalWebServer> {
  const open = new Set<Socket>();
  const idleWaiters: (() => void)[] = [];
  const requests: LocalWebServer["requests"] = [];
  let accepted = 0;
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? "", headers: req.headers });
    handle(req, res);
  });
  server.on("connection", (socket: Socket) => {
    accepted++;
    open.add(socket);
    socket.on("close", () => {
      open.delete(socket);
      if (open.size === 0) for (const wake of idleWaiters.splice(0)) wake();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    port,
    connections: () => accepted,
    requests,
    whenIdle: () =>
      open.size === 0 ? Promise.resolve() : new Promise((wake) => idleWaiters.push(wake)),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
