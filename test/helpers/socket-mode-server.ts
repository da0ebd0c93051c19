/**
 * A local Socket Mode endpoint: a WebSocket server on loopback that greets each client with
 * `hello` (like Slack's), sends the envelopes a test gives it, and records what the client sends
 * back (the acks). Point the Web API stand-in's `apps.connections.open` at `url`:
 *
 *   const socket = await startSocketModeServer();
 *   slack.reply("apps.connections.open", () => ({ url: socket.url }));
 *   await socket.waitForClient();
 *   socket.send(envelopes.events_api);
 *   const ack = await socket.waitForAck(envelopes.events_api.envelope_id);
 */
import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface SocketModeServer {
  /** The `ws://` address `apps.connections.open` should hand out. */
  readonly url: string;
  /** Everything clients sent, parsed, oldest first. */
  readonly received: readonly Record<string, unknown>[];
  /** How many clients are connected now. */
  connectedClients(): number;
  /** Resolves once a client has connected and been sent `hello`. */
  waitForClient(timeoutMs?: number): Promise<void>;
  /** Sends a frame (an envelope, a `disconnect`, …) to every connected client. */
  send(frame: unknown): void;
  /** Resolves with the client's ack of an envelope (past or future). */
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  close(): Promise<void>;
}

export const HELLO = {
  type: "hello",
  num_connections: 1,
  debug_info: { host: "applink-stand-in", build_number: 1, approximate_connection_time: 18060 },
  connection_info: { app_id: "A08IRANPAK1" },
};

export async function startSocketModeServer(): Promise<SocketModeServer> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const clients = new Set<WebSocket>();
  const received: Record<string, unknown>[] = [];
  const events = new EventEmitter();

  server.on("connection", (ws) => {
    clients.add(ws);
    ws.on("close", () => clients.delete(ws));
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      received.push(frame);
      events.emit("frame", frame);
    });
    ws.send(JSON.stringify(HELLO));
    events.emit("client");
  });

  const waitUntil = <T>(
    ready: () => T | undefined,
    event: string,
    timeoutMs: number,
    what: string,
  ): Promise<T> => {
    const now = ready();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = ready();
        if (value === undefined) return;
        clearTimeout(timer);
        events.off(event, check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        events.off(event, check);
        reject(new Error(`socket-mode server: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      events.on(event, check);
    });
  };

  return {
    url: `ws://127.0.0.1:${port}/link`,
    received,
    connectedClients: () => clients.size,
    waitForClient: (timeoutMs = 5000) =>
      waitUntil(() => (clients.size > 0 ? true : undefined), "client", timeoutMs, "client").then(
        () => undefined,
      ),
    send(frame) {
      for (const ws of clients) ws.send(JSON.stringify(frame));
    },
    waitForAck: (envelopeId, timeoutMs = 5000) =>
      waitUntil(
        () => received.find((f) => f.envelope_id === envelopeId) as SocketAck | undefined,
        "frame",
        timeoutMs,
        `ack of ${envelopeId}`,
      ),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const ws of clients) ws.terminate();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
