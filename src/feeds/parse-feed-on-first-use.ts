import type { ParseFeedOptions } from "./parse-feed.ts";
import type { ParseFeedResult } from "./types.ts";

/**
 * `parseFeedText` on this thread, its module loaded at the first call: feedsmith, its XML parser
 * and htmlparser2 are some 0.65 MB of code that a start which only answers questions need not
 * evaluate (the bot parses feeds in a worker, and here only when no worker can run).
 */
export async function parseFeedOnFirstUse(
  text: string,
  options: ParseFeedOptions,
): Promise<ParseFeedResult> {
  const { parseFeedText } = await import("./parse-feed.ts");
  return parseFeedText(text, options);
}
