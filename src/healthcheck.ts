/**
 * The container's health check (`node dist/healthcheck.js`, the Dockerfile's HEALTHCHECK): exits
 * 0 when the bot's `GET /healthz` answers 200 (ready or degraded), 1 otherwise. It asks on
 * HEALTH_PORT, else on PORT in HTTP mode, from the same configuration as the bot.
 */
import { config as loadDotenv } from "dotenv";
import { parseConfig } from "./config.ts";
import { HEALTH_PATH } from "./slack/health.ts";

/** Long enough for a busy bot, short enough that Docker's own timeout is not what ends it. */
const TIMEOUT_MS = 4_000;

async function check(): Promise<number> {
  loadDotenv({ quiet: true });
  const config = parseConfig(process.env);
  const port = config.healthPort ?? (config.slack.mode === "http" ? config.slack.port : undefined);
  if (port === undefined || port === 0) {
    console.error("no health endpoint to check: set HEALTH_PORT (Socket Mode) or PORT (HTTP mode)");
    return 1;
  }
  const url = `http://127.0.0.1:${port}${HEALTH_PATH}`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = await res.text();
    console.log(`${url}: ${res.status} ${body}`);
    return res.status === 200 ? 0 : 1;
  } catch (error) {
    console.error(`${url}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await check().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
