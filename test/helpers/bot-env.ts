import { TEST_SIGNING_SECRET } from "./sign-request.ts";

/** A bot token of the right shape: the stand-in accepts any. */
export const TEST_BOT_TOKEN = "xoxb-1111-2222-abcdefghijkl";

/**
 * The environment that runs the bot in HTTP mode, on a free port, against the Web API stand-in
 * at `apiUrl`, keeping its state in `dataDir`; `extra` adds or overrides variables.
 */
export function httpBotEnv(
  apiUrl: string,
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: "0",
    DATA_DIR: dataDir,
    ...extra,
  };
}
