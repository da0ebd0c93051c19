import type { QuestionLog } from "../questions/question-log.ts";
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
  },
): DigestScheduler {
  return scheduleDigestRuns({
    schedule: deps.schedule,
    logger: deps.logger,
    ...(deps.clock === undefined ? {} : { clock: deps.clock }),
    async run(now) {
      await deps.questions.ready;
      deps.questions.prune(now);
      const outcomes = await postDigests(deps, { now, mode: "scheduled" });
      return outcomes.some((o) => o.status === "failed") ? "retry" : "done";
    },
  });
}
