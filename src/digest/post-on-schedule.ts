import type { FeedbackStore } from "../feedback/types.ts";
import type { Logger } from "../log/logger.ts";
import type { QuestionLog } from "../questions/question-log.ts";
import { DAY_MS } from "../util/time.ts";
import { type DigestDeps, postDigests } from "./post.ts";
import { type Clock, type DigestScheduler, scheduleDigestRuns } from "./scheduler.ts";

/**
 * Runs `postDigests` now (a bot started after the scheduled time catches up the same day) and
 * then at each scheduled instant. A run that failed, or in which a channel failed, is retried
 * through the day (see `scheduleDigestRuns`). The
 * question log is pruned on each run, so retention holds on a bot that never restarts; a run
 * waits until the log has been read, so a digest never counts half of it.
 */
export function startDigestScheduler(
  deps: DigestDeps & {
    questions: Pick<QuestionLog, "summarise" | "prune" | "ready">;
    clock?: Clock;
    /** The question log's retention: votes older than it are forgotten with the questions. */
    retentionDays?: number;
    votes?: Pick<FeedbackStore, "prune">;
  },
): DigestScheduler {
  return scheduleDigestRuns({
    schedule: deps.schedule,
    logger: deps.logger,
    ...(deps.clock === undefined ? {} : { clock: deps.clock }),
    async run(now) {
      await deps.questions.ready;
      deps.questions.prune(now);
      await pruneVotes(deps, now);
      const outcomes = await postDigests(deps, { now, mode: "scheduled" });
      return outcomes.some((o) => o.status === "failed") ? "retry" : "done";
    },
  });
}

/** Forgets votes past the questions' retention; a failure is logged and costs no digest. */
async function pruneVotes(
  deps: { retentionDays?: number; votes?: Pick<FeedbackStore, "prune">; logger: Logger },
  now: Date,
): Promise<void> {
  if (deps.votes === undefined || deps.retentionDays === undefined) return;
  try {
    await deps.votes.prune(new Date(now.getTime() - deps.retentionDays * DAY_MS));
  } catch (error) {
    deps.logger.warn(`old feedback votes were not pruned: ${(error as Error).message}`);
  }
}
