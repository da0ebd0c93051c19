/**
 * Counting at composition time: each wrapper hands back the same service or client, reporting
 * to the metrics as it is used, so the code that asks, reloads or posts doesn't change.
 */
import type { Answer } from "../answer/types.ts";
import type { DigestClient } from "../digest/post.ts";
import { type FeedPollReport, ITEM_OUTCOMES, pollOutcomeOf } from "../feeds/poller.ts";
import type { KnowledgeService, ReloadResult } from "../live-index/types.ts";
import type { Metrics } from "./metrics.ts";
import { foldErrorCode } from "./slack-error-codes.ts";

/**
 * `knowledge` with every answer counted by confidence and timed; `onAnswer` (the request log)
 * hears of each too. A question that throws is counted by the caller's error handling, not here.
 */
export function countAnswers(
  knowledge: KnowledgeService,
  metrics: Pick<Metrics, "questions" | "answerSeconds">,
  onAnswer?: (question: string, answer: Answer, ms: number) => void,
): KnowledgeService {
  return overriding(knowledge, {
    ask: (question, options) => {
      const started = performance.now();
      const answer = knowledge.ask(question, options);
      const ms = performance.now() - started;
      metrics.questions.inc({ confidence: answer.confidence });
      metrics.answerSeconds.observe(ms / 1000);
      onAnswer?.(question, answer, ms);
      return answer;
    },
  });
}

/** `knowledge` with every reload counted, ok or failed. */
export function countReloads(
  knowledge: KnowledgeService,
  metrics: Pick<Metrics, "reloads">,
): KnowledgeService {
  return overriding(knowledge, {
    reload: async (): Promise<ReloadResult> => {
      const result = await knowledge.reload();
      metrics.reloads.inc({ result: result.ok ? "ok" : "failed" });
      return result;
    },
  });
}

/** The digest's client with each post counted, ok or failed. */
export function countDigestPosts(
  client: DigestClient,
  metrics: Pick<Metrics, "digestPosts">,
): DigestClient {
  return {
    chat: {
      async postMessage(args) {
        try {
          const result = await client.chat.postMessage(args);
          metrics.digestPosts.inc({ result: "ok" });
          return result;
        } catch (error) {
          metrics.digestPosts.inc({ result: "failed" });
          throw error;
        }
      },
    },
  };
}

/**
 * For `createSlackFetch`'s `onFailure`: counts each failed call by method and code, a code
 * outside Slack's documented set as `other` (the method is one the bot calls, so bounded).
 */
export function countWebApiFailures(
  metrics: Pick<Metrics, "webApiErrors">,
): (failure: { method: string; code: string }) => void {
  return ({ method, code }) => metrics.webApiErrors.inc({ method, code: foldErrorCode(code) });
}

/**
 * `target` with some members replaced. A proxy rather than a copy, so members added to the
 * service later pass through, and methods keep their own `this`.
 */
export function overriding<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof T];
      const value: unknown = Reflect.get(object, key);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

/** Counts one feed poll: its outcome, the items it offered and the duplicates among them. */
export function countFeedPoll(
  report: FeedPollReport,
  metrics: Pick<Metrics, "feedPolls" | "feedItems" | "articlesAdded" | "articleDuplicates">,
): void {
  metrics.feedPolls.inc({ outcome: pollOutcomeOf(report.outcome) });
  for (const outcome of ITEM_OUTCOMES) {
    if (report.items[outcome] > 0) metrics.feedItems.inc({ outcome }, report.items[outcome]);
  }
  if (report.items.added > 0) metrics.articlesAdded.inc({ origin: "feed" }, report.items.added);
  for (const { how } of report.duplicates) metrics.articleDuplicates.inc({ how });
}
