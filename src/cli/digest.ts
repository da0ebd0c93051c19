import type { Writable } from "node:stream";
import type { Config } from "../config.ts";
import {
  type ChannelOutcome,
  type DigestClient,
  type PostMode,
  postDigests,
  renderChannelDigest,
} from "../digest/post.ts";
import { digestChannels } from "../digest/subscriptions.ts";
import { digestDepsOf, openDigestQuestionLog } from "../digest-wiring.ts";
import type { KnowledgeService } from "../live-index/types.ts";
import type { Logger } from "../log/logger.ts";
import { digestClientFromConfig } from "../slack/digest-client.ts";
import type { Block, SlackMessage } from "../slack/render/blocks.ts";
import { readSlackText } from "../slack/render/mrkdwn.ts";
import { createStores } from "../store/create-stores.ts";
import type { Stores } from "../store/types.ts";

export const DIGEST_USAGE = `usage:
  npm run digest -- --dry-run [--channel C…]   print today's digest as text (nothing is posted)
  npm run digest -- --json [--channel C…]      print its Block Kit payload
  npm run digest                               post it now to DIGEST_CHANNELS and the channels
                                               subscribed from Slack, unless posted today
  npm run digest -- --force                    post it even if today's digest went out already`;

export interface DigestCommandIo {
  output: Writable;
  /** For tests: the time and the Web API client to use. */
  now?: () => Date;
  client?: DigestClient;
}

interface Flags {
  mode: "dry-run" | "json" | "post" | "force";
  channel?: string;
}

function parseFlags(args: readonly string[]): Flags | string {
  const flags: Flags = { mode: "post" };
  const modes: Flags["mode"][] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--dry-run") modes.push("dry-run");
    else if (arg === "--json") modes.push("json");
    else if (arg === "--force") modes.push("force");
    else if (arg === "--channel") {
      const channel = args[++i];
      if (channel === undefined || channel.startsWith("--")) return "--channel needs a channel id";
      flags.channel = channel;
    } else return `unknown option ${arg}`;
  }
  if (modes.length > 1) return `use one of --dry-run, --json, --force (got ${modes.join(", ")})`;
  if (flags.channel !== undefined && modes[0] !== "dry-run" && modes[0] !== "json") {
    return "--channel only goes with --dry-run or --json";
  }
  flags.mode = modes[0] ?? "post";
  return flags;
}

/**
 * Slack's `*bold*`, `_italic_` and `` `code` `` markers, taken off where they open and close at
 * word edges as Slack reads them; a lone or mid-word `*` (a question's "2*3") stays.
 */
const MARKED = /(^|[\s(“"'[•·:,])([*_`])(?=\S)([^\n]*?\S)\2(?=$|[\s)”"'\].,:;!?·])/gm;

export function plainText(mrkdwn: string): string {
  // Twice: a marker can sit inside another (`_*x*_`).
  return readSlackText(mrkdwn.replace(MARKED, "$1$3").replace(MARKED, "$1$3"));
}

/** The digest message as a terminal shows it: plain text, without mrkdwn's markers or escapes. */
export function formatDigestText(message: SlackMessage): string {
  const text = (block: Block): string => {
    switch (block.type) {
      case "header":
        return `${block.text.text}\n${"=".repeat(block.text.text.length)}`;
      case "section":
        return plainText(
          [block.text?.text ?? "", ...(block.fields ?? []).map((f) => f.text)].join("\n"),
        );
      case "context":
        return block.elements.map((e) => plainText(e.text)).join("\n");
      case "divider":
        return "—".repeat(20);
      case "actions":
        return "";
    }
  };
  return `${message.blocks.map(text).join("\n\n")}\n`;
}

function describeOutcome(o: ChannelOutcome): string {
  switch (o.status) {
    case "posted":
      return `${o.channel}: posted the digest for ${o.date} (ts ${o.ts ?? "?"})`;
    case "already-posted":
      return `${o.channel}: already posted for ${o.date}; --force posts again`;
    case "claimed-elsewhere":
      return `${o.channel}: another process has posted or is posting the digest for ${o.date}`;
    case "not-due":
      return `${o.channel}: not due`;
    case "failed":
      return `${o.channel}: FAILED: ${o.error ?? "unknown error"}`;
  }
}

/**
 * `npm run digest`: previews the digest (`--dry-run` as text, `--json` as Block Kit) or posts it
 * now to the configured channels, once a day (`--force` posts again), for teams that run it from
 * system cron. Returns the exit code: 0 done, 1 a channel failed or the setup is missing, 2 usage.
 */
export async function runDigest(
  args: readonly string[],
  started: { config: Config; logger: Logger; knowledge: Pick<KnowledgeService, "knowledge"> },
  io: DigestCommandIo,
): Promise<number> {
  // The bot's stores: with DATABASE_URL, a cron job and the replicas share the claims.
  const stores = await createStores(started.config, { logger: started.logger });
  try {
    return await runDigestWith(stores, args, started, io);
  } finally {
    await stores.close();
  }
}

async function runDigestWith(
  stores: Stores,
  args: readonly string[],
  started: { config: Config; logger: Logger; knowledge: Pick<KnowledgeService, "knowledge"> },
  io: DigestCommandIo,
): Promise<number> {
  const { config, logger, knowledge } = started;
  const write = (text: string) => io.output.write(text.endsWith("\n") ? text : `${text}\n`);
  const flags = parseFlags(args);
  if (typeof flags === "string") {
    write(`${flags}\n${DIGEST_USAGE}`);
    return 2;
  }
  const now = io.now ?? (() => new Date());
  const questions = openDigestQuestionLog(
    config,
    { stores, knowledge, logger },
    // A preview changes nothing on disk; a post prunes the log, as the bot's runs do.
    { now: now(), readOnly: flags.mode === "dry-run" || flags.mode === "json" },
  );
  await questions.ready;
  // The scheduler's own: the same channels (DIGEST_CHANNELS and those subscribed), state and log.
  const deps = digestDepsOf(config, { stores, knowledge }, questions);

  if (flags.mode === "dry-run" || flags.mode === "json") {
    const channel = flags.channel ?? (await digestChannels(deps.channels, deps.subscriptions))[0];
    const message = await renderChannelDigest(deps, channel, now());
    if (flags.mode === "json") {
      const payload = {
        ...(channel === undefined ? {} : { channel }),
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      };
      write(JSON.stringify(payload, null, 2));
    } else {
      write(formatDigestText(message));
    }
    return 0;
  }

  if ((await digestChannels(deps.channels, deps.subscriptions)).length === 0) {
    write(
      "DIGEST_CHANNELS is empty: set it to the channel ids to post to (e.g. DIGEST_CHANNELS=C0123ABCD,C0456EFGH), and invite the bot to each channel; no channel is subscribed with /iranpak digest subscribe either. --dry-run previews the digest without it.",
    );
    return 1;
  }
  const client = io.client ?? digestClientFromConfig(config);
  if (client === undefined) {
    write(
      "SLACK_BOT_TOKEN is not set: the digest is posted as the bot. Set SLACK_BOT_TOKEN (xoxb-…) with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET, as for npm start. --dry-run previews the digest without it.",
    );
    return 1;
  }
  const mode: PostMode = flags.mode === "force" ? "force" : "now";
  const outcomes = await postDigests({ ...deps, client, logger }, { now: now(), mode });
  await questions.settled();
  for (const outcome of outcomes) write(describeOutcome(outcome));
  return outcomes.some((o) => o.status === "failed") ? 1 : 0;
}
