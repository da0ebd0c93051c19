import { z } from "zod";
import { isValidTimeZone } from "./digest/schedule.ts";
import { IranpakError } from "./errors.ts";
import { DEFAULT_FEED_POLL_SECONDS, MIN_FEED_POLL_SECONDS } from "./feeds/schedule.ts";
import { parseAllowList } from "./fetch/allow-list.ts";
import type { LogFormat, LogLevel } from "./log/logger.ts";

/** How the bot talks to Slack, chosen by which tokens the environment holds. */
export type SlackConnection =
  | { mode: "socket"; botToken: string; appToken: string }
  | { mode: "http"; botToken: string; signingSecret: string; port: number }
  | { mode: "console" };

export interface DigestConfig {
  /** Channel ids (`C…` public, `G…` private) the daily digest is posted to; empty: no digest. */
  channels: string[];
  time: { hour: number; minute: number };
  /** IANA time zone `time` is read in. */
  timeZone: string;
  /** Weekdays the digest is posted on, 0 = Sunday … 6 = Saturday, ascending. */
  days: number[];
  /**
   * Slack user ids allowed to subscribe and unsubscribe channels from Slack; empty: workspace
   * admins and owners.
   */
  admins: string[];
}

export interface FeedsConfig {
  /** `FEEDS`: followed from the start; the ones added with `/iranpak feeds add` come on top. */
  urls: string[];
  /** Each feed's base interval between polls (seconds). */
  pollSeconds: number;
  /** How many of a new feed's newest items it brings. */
  firstItems: number;
}

export interface Config {
  slack: SlackConnection;
  /** Web API base URL, always ending in `/`; absent: Slack's own. */
  slackApiUrl?: string;
  knowledgeDir: string;
  /** Where the digest state and the question log are kept. */
  dataDir: string;
  logLevel: LogLevel;
  /** Absent: JSON lines, or readable lines when stderr is a terminal. */
  logFormat?: LogFormat;
  /**
   * Where `/healthz` and `/metrics` are served besides Slack's endpoint: in Socket Mode the only
   * place; in HTTP mode they are on PORT too. Absent: Socket Mode serves neither.
   */
  healthPort?: number;
  digest: DigestConfig;
  feeds: FeedsConfig;
  /**
   * `KNOWLEDGE_EDITORS`: Slack user ids allowed to add and remove articles and feeds; empty:
   * anyone adds articles, workspace admins and owners remove them and change the feeds.
   */
  knowledgeEditors: string[];
  /** `INGEST_ALLOW_HOSTS`: `host` or `host:port` entries the fetcher may reach though private. */
  ingestAllowHosts: string[];
  questionLogRetentionDays: number;
  /**
   * The secret askers are hashed with in the question log; absent: one generated into DATA_DIR.
   * Set it where DATA_DIR is backed up or shared, so a copy of it can't tie questions to people.
   */
  questionHashSalt?: string;
  /**
   * PostgreSQL connection string for the state replicas share (event ids, digest claims and
   * state, the question log); absent: the files in DATA_DIR.
   */
  databaseUrl?: string;
}

/** One bad variable and how to fix it. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/** Every bad variable at once, so a single restart fixes them all. */
export class ConfigError extends IranpakError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const list = problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n");
    super(
      "CONFIG_INVALID",
      `configuration is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${list}\nSet them in .env (see .env.example) or in the environment.`,
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** Defaults for every optional variable; `.env.example` documents the same values. */
export const DEFAULT_CONFIG = {
  PORT: 3000,
  KNOWLEDGE_DIR: "knowledge",
  DATA_DIR: ".data",
  LOG_LEVEL: "info",
  DIGEST_TIME: "09:00",
  DIGEST_TIMEZONE: "UTC",
  DIGEST_DAYS: "daily",
  QUESTION_LOG_RETENTION_DAYS: 30,
  FEED_POLL_SECONDS: DEFAULT_FEED_POLL_SECONDS,
  FEED_FIRST_ITEMS: 20,
} as const;

const DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

/**
 * Reads `daily`, `weekdays`, `weekends`, or a comma-separated list of days and ranges
 * (`mon-fri`, `mon,wed,fri`, `fri-mon` wraps through the weekend) into sorted weekday numbers.
 * Returns undefined when the text is none of those.
 */
export function parseWeekdays(text: string): number[] | undefined {
  const spec = text.trim().toLowerCase();
  if (spec === "daily") return EVERY_DAY;
  if (spec === "weekdays") return [1, 2, 3, 4, 5];
  if (spec === "weekends") return [0, 6];
  const days = new Set<number>();
  for (const part of spec.split(",")) {
    const [from, to, extra] = part.split("-").map((d) => dayNumber(d.trim()));
    if (from === undefined || extra !== undefined) return undefined;
    if (to === undefined && part.includes("-")) return undefined;
    const last = to ?? from;
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === last) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** `mon`, `tues`, `monday`: any prefix of a day's name of at least three letters. */
function dayNumber(name: string): number | undefined {
  const i = DAY_NAMES.findIndex((day) => name.length >= 3 && day.startsWith(name));
  return i === -1 ? undefined : i;
}

/** Unset and blank (`SLACK_APP_TOKEN=` in a .env file) mean the same: not configured. */
const unsetIfBlank = (value: unknown): unknown =>
  typeof value === "string" ? (value.trim() === "" ? undefined : value.trim()) : value;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfBlank, schema.optional());

const withDefault = <T extends z.ZodType>(fallback: string, schema: T) =>
  z.preprocess((v) => unsetIfBlank(v) ?? fallback, schema);

function integer(min: number, max: number, hint: string) {
  return z.string().transform((text, ctx) => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message: `"${text}" is not ${hint}` });
      return z.NEVER;
    }
    return n;
  });
}

/** The entries of a comma-separated list, trimmed, blanks dropped; none when unset. */
function splitList(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

/** A comma-separated list of Slack ids of one kind; empty when unset. */
function idList(pattern: RegExp, [one, many]: [string, string], hint: string) {
  return z.preprocess(
    unsetIfBlank,
    z
      .string()
      .optional()
      .transform((text, ctx) => {
        const ids = splitList(text);
        const bad = ids.filter((id) => !pattern.test(id));
        if (bad.length > 0) {
          ctx.addIssue({
            code: "custom",
            message: `${bad.map((id) => `"${id}"`).join(", ")} ${bad.length === 1 ? `is not ${one}` : `are not ${many}`}: ${hint}, separated by commas`,
          });
          return z.NEVER;
        }
        return ids;
      }),
  );
}

/** A comma-separated list, each entry checked by `problemWith` (a message, or undefined). */
function commaList(problemWith: (entry: string) => string | undefined) {
  return z.preprocess(
    unsetIfBlank,
    z
      .string()
      .optional()
      .transform((text, ctx) => {
        const entries = (text ?? "")
          .split(",")
          .map((entry) => entry.trim())
          .filter((entry) => entry !== "");
        const problems = entries.map(problemWith).filter((p) => p !== undefined);
        if (problems.length > 0) {
          ctx.addIssue({ code: "custom", message: problems.join("; ") });
          return z.NEVER;
        }
        return [...new Set(entries)];
      }),
  );
}

function notAFeedUrl(entry: string): string | undefined {
  try {
    const url = new URL(entry);
    if (url.protocol === "http:" || url.protocol === "https:") return undefined;
  } catch {}
  return `"${entry}" is not an http(s) URL such as https://www.dawn.com/feeds/home`;
}

function notAHost(entry: string): string | undefined {
  try {
    parseAllowList([entry]);
    return undefined;
  } catch {
    return `"${entry}" is not a host or host:port such as wiki.internal or 10.0.0.5:8080`;
  }
}

/** Runs the token pairing check even when a variable is malformed, so one message lists it all. */
const PAIRING_CHECK = { when: () => true };

// Secrets are never echoed in messages: only their expected shape is.
const envSchema = z
  .object({
    SLACK_BOT_TOKEN: optional(
      z.string().startsWith("xoxb-", {
        message:
          'must start with "xoxb-": copy the Bot User OAuth Token from your app\'s "OAuth & Permissions" page',
      }),
    ),
    SLACK_APP_TOKEN: optional(
      z.string().startsWith("xapp-", {
        message:
          'must start with "xapp-": create an app-level token with the connections:write scope under "Basic Information"',
      }),
    ),
    SLACK_SIGNING_SECRET: optional(
      z.string().regex(/^[0-9a-f]{16,}$/i, {
        message:
          'is not a signing secret (hex digits): copy "Signing Secret" from your app\'s "Basic Information" page',
      }),
    ),
    PORT: withDefault(
      String(DEFAULT_CONFIG.PORT),
      integer(0, 65535, "a port number (0–65535; 0 picks a free port)"),
    ),
    HEALTH_PORT: optional(integer(0, 65535, "a port number (0–65535; 0 picks a free port)")),
    SLACK_API_URL: optional(
      z
        .string()
        .regex(/^https?:\/\/[^\s]+$/, {
          message: "must be an http(s) URL such as https://slack.com/api/",
        })
        .transform((url) => (url.endsWith("/") ? url : `${url}/`)),
    ),
    KNOWLEDGE_DIR: withDefault(DEFAULT_CONFIG.KNOWLEDGE_DIR, z.string()),
    DATA_DIR: withDefault(DEFAULT_CONFIG.DATA_DIR, z.string()),
    LOG_LEVEL: withDefault(
      DEFAULT_CONFIG.LOG_LEVEL,
      z.enum(["debug", "info", "warn", "error"], {
        message: "must be one of debug, info, warn, error",
      }),
    ),
    LOG_FORMAT: optional(
      z.enum(["auto", "json", "pretty"], { message: "must be one of auto, json, pretty" }),
    ),
    DIGEST_CHANNELS: idList(
      /^[CG][A-Z0-9]{2,}$/,
      ["a channel id", "channel ids"],
      "use ids like C0123ABCD (open the channel's details, the id is at the bottom)",
    ),
    DIGEST_ADMINS: idList(
      /^[UW][A-Z0-9]{2,}$/,
      ["a user id", "user ids"],
      "use member ids like U0123ABCD (a person's profile → ⋮ → Copy member ID)",
    ),
    DIGEST_TIME: withDefault(
      DEFAULT_CONFIG.DIGEST_TIME,
      z.string().transform((text, ctx) => {
        const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
        if (!m) {
          ctx.addIssue({ code: "custom", message: `"${text}" is not a 24-hour HH:MM time` });
          return z.NEVER;
        }
        return { hour: Number(m[1]), minute: Number(m[2]) };
      }),
    ),
    DIGEST_TIMEZONE: withDefault(
      DEFAULT_CONFIG.DIGEST_TIMEZONE,
      z.string().refine(isValidTimeZone, {
        error: (issue) =>
          `"${String(issue.input)}" is not an IANA time zone such as UTC, Asia/Karachi or Asia/Tehran`,
      }),
    ),
    DIGEST_DAYS: withDefault(
      DEFAULT_CONFIG.DIGEST_DAYS,
      z.string().transform((text, ctx) => {
        const days = parseWeekdays(text);
        if (days === undefined) {
          ctx.addIssue({
            code: "custom",
            message: `"${text}" is not a set of days: use daily, weekdays, mon-fri or mon,wed,fri`,
          });
          return z.NEVER;
        }
        return days;
      }),
    ),
    FEEDS: commaList(notAFeedUrl),
    FEED_POLL_SECONDS: withDefault(
      String(DEFAULT_CONFIG.FEED_POLL_SECONDS),
      integer(
        MIN_FEED_POLL_SECONDS,
        7 * 24 * 3600,
        `a number of seconds between ${MIN_FEED_POLL_SECONDS} and 604800 (a week)`,
      ),
    ),
    FEED_FIRST_ITEMS: withDefault(
      String(DEFAULT_CONFIG.FEED_FIRST_ITEMS),
      integer(0, 500, "a number of items between 0 and 500"),
    ),
    KNOWLEDGE_EDITORS: idList(
      /^[UW][A-Z0-9]{2,}$/,
      ["a user id", "user ids"],
      "use member ids like U0123ABCD (a person's profile → ⋮ → Copy member ID)",
    ),
    INGEST_ALLOW_HOSTS: commaList(notAHost),
    QUESTION_LOG_RETENTION_DAYS: withDefault(
      String(DEFAULT_CONFIG.QUESTION_LOG_RETENTION_DAYS),
      integer(1, 3650, "a number of days between 1 and 3650"),
    ),
    QUESTION_HASH_SALT: optional(
      z.string().min(32, {
        message:
          "is too short to be a secret: use at least 32 random characters, e.g. the output of `openssl rand -hex 32`",
      }),
    ),
    DATABASE_URL: optional(
      z.string().regex(/^postgres(?:ql)?:\/\/\S+$/, {
        message:
          "must be a PostgreSQL URL such as postgres://iranpak:secret@db.example:5432/iranpak",
      }),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN === undefined) {
      if (env.SLACK_APP_TOKEN !== undefined || env.SLACK_SIGNING_SECRET !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["SLACK_BOT_TOKEN"],
          message: `is missing but ${env.SLACK_APP_TOKEN !== undefined ? "SLACK_APP_TOKEN" : "SLACK_SIGNING_SECRET"} is set: add the Bot User OAuth Token (xoxb-…), or unset both to use the local console`,
        });
      }
    } else if (env.SLACK_APP_TOKEN === undefined && env.SLACK_SIGNING_SECRET === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_BOT_TOKEN"],
        message:
          "is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is: set one of them, or unset SLACK_BOT_TOKEN to use the local console",
      });
    }
  }, PAIRING_CHECK);

/**
 * Reads the environment once into a typed Config. Throws a ConfigError naming every bad variable.
 * Mode: bot + app token → Socket Mode; bot token + signing secret → HTTP; none → console.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  return {
    slack: slackConnection(e.SLACK_BOT_TOKEN, e.SLACK_APP_TOKEN, e.SLACK_SIGNING_SECRET, e.PORT),
    ...(e.SLACK_API_URL === undefined ? {} : { slackApiUrl: e.SLACK_API_URL }),
    knowledgeDir: e.KNOWLEDGE_DIR,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    ...(e.LOG_FORMAT === undefined || e.LOG_FORMAT === "auto" ? {} : { logFormat: e.LOG_FORMAT }),
    ...(e.HEALTH_PORT === undefined ? {} : { healthPort: e.HEALTH_PORT }),
    digest: {
      channels: e.DIGEST_CHANNELS,
      time: e.DIGEST_TIME,
      timeZone: e.DIGEST_TIMEZONE,
      days: e.DIGEST_DAYS,
      admins: e.DIGEST_ADMINS,
    },
    feeds: { urls: e.FEEDS, pollSeconds: e.FEED_POLL_SECONDS, firstItems: e.FEED_FIRST_ITEMS },
    knowledgeEditors: e.KNOWLEDGE_EDITORS,
    ingestAllowHosts: e.INGEST_ALLOW_HOSTS,
    questionLogRetentionDays: e.QUESTION_LOG_RETENTION_DAYS,
    ...(e.QUESTION_HASH_SALT === undefined ? {} : { questionHashSalt: e.QUESTION_HASH_SALT }),
    ...(e.DATABASE_URL === undefined ? {} : { databaseUrl: e.DATABASE_URL }),
  };
}

function slackConnection(
  botToken: string | undefined,
  appToken: string | undefined,
  signingSecret: string | undefined,
  port: number,
): SlackConnection {
  // The schema has already refused a bot token without a partner, and a partner without it.
  if (botToken !== undefined && appToken !== undefined) {
    return { mode: "socket", botToken, appToken };
  }
  if (botToken !== undefined && signingSecret !== undefined) {
    return { mode: "http", botToken, signingSecret, port };
  }
  return { mode: "console" };
}
