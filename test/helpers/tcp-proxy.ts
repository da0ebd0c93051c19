import { createConnection, createServer, type Socket } from "node:net";

/**
 * A TCP proxy on loopback in front of a server, which can be made to swallow what passes
 * through it: bytes are read and dropped, in both directions, and no connection is closed, as
 * in a network partition (a stopped server would refuse at once instead).
 */
export interface TcpProxy {
  /** `127.0.0.1:<port>` the proxy listens on. */
  readonly host: string;
  readonly port: number;
  /** From now on, drop every byte, on open connections and new ones alike. */
  swallow(): void;
  /** Forward again; what was dropped meanwhile stays lost (connections then fail and reopen). */
  heal(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let swallowing = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(target);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on("data", (chunk) => {
        if (!swallowing) to.write(chunk);
      });
      from.on("error", () => to.destroy());
      from.on("close", () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    host: "127.0.0.1",
    port,
    swallow: () => {
      swallowing = true;
    },
    heal: () => {
      swallowing = false;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
