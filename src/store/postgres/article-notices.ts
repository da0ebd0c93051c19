import pg from "pg";
import type { Logger } from "../../log/logger.ts";
import { ARTICLE_CHANNEL } from "./article-store.ts";

const RECONNECT_MS = 1_000;

/**
 * LISTENs for article changes on a connection of its own and calls `onNotice` for each; after
 * the connection is lost it reconnects and calls `onNotice` once, since notices sent meanwhile
 * are gone (the caller catches up by sequence number).
 */
export function listenForArticles(options: { url: string; logger: Logger; onNotice: () => void }): {
  close(): Promise<void>;
} {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.url, application_name: "iranpak" });
    next.on("notification", () => options.onNotice());
    next.on("error", (error) => {
      options.logger.warn(`article notices: connection lost (${error.message})`);
      retry(next);
    });
    next.on("end", () => retry(next));
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${ARTICLE_CHANNEL}`);
      options.onNotice();
    } catch (error) {
      options.logger.warn(`article notices: can't listen (${(error as Error).message})`);
      retry(next);
    }
  };

  const retry = (lost: pg.Client) => {
    if (closed || client !== lost || timer !== undefined) return;
    client = undefined;
    void lost.end().catch(() => {});
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, RECONNECT_MS);
    timer.unref();
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
