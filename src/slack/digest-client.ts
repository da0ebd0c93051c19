import { webApi } from "@slack/bolt";
import type { Config } from "../config.ts";
import type { DigestClient, DigestPresenter } from "../digest/post.ts";
import { describeSlackError } from "./log-errors.ts";
import type { SlackMessage } from "./render/blocks.ts";
import { renderDigest, renderDigestPreview } from "./render/digest-blocks.ts";
import { createSlackFetch, type SlackFetchOptions } from "./slack-fetch.ts";

/** The digest as Slack shows it, and Slack's reasons for a failed post. */
export const SLACK_DIGEST_PRESENTER: DigestPresenter<SlackMessage> = {
  render: (digest) => renderDigest(digest),
  renderPreview: renderDigestPreview,
  describeFailure: describeSlackError,
};

/** Retries for a digest post: a few, spread over about a minute, then the next run's turn. */
export const DIGEST_RETRY_POLICY = { retries: 3, factor: 3, minTimeout: 2_000, maxTimeout: 30_000 };

/**
 * A Web API client for the digest, for `npm run digest` and for main.ts when it prefers one
 * that gives up sooner than Bolt's (ten retries over half an hour) on a failing channel. Each
 * attempt has a time limit, so a post that hangs fails and is logged instead of holding the run
 * (and the process's exit) forever; a 429 waits for its channel's Retry-After, as answers do.
 */
export function createDigestClient(options: {
  token: string;
  slackApiUrl?: string;
  retryConfig?: webApi.RetryOptions;
  limits?: Partial<SlackFetchOptions>;
}): webApi.WebClient {
  return new webApi.WebClient(options.token, {
    ...(options.slackApiUrl === undefined ? {} : { slackApiUrl: options.slackApiUrl }),
    retryConfig: options.retryConfig ?? DIGEST_RETRY_POLICY,
    fetch: createSlackFetch(options.limits),
    rejectRateLimitedCalls: true,
    logLevel: webApi.LogLevel.ERROR,
  });
}

/** The digest's Web API client for the configured bot; undefined without a bot token. */
export function digestClientFromConfig(config: Config): DigestClient | undefined {
  if (config.slack.mode === "console") return undefined;
  return createDigestClient({
    token: config.slack.botToken,
    ...(config.slackApiUrl === undefined ? {} : { slackApiUrl: config.slackApiUrl }),
  });
}
