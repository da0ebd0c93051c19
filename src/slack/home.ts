import { summariseKnowledge } from "../answer/summarise-knowledge.ts";
import { describeSchedule } from "../digest/describe-schedule.ts";
import { summariseFeedback } from "../feedback/summarise.ts";
import { describeFeed } from "../feeds/feed-status.ts";
import { WEEK_MS } from "../util/time.ts";
import type { SlackDeps } from "./deps.ts";
import { currentDigestChannels } from "./digest-settings.ts";
import { mayEditKnowledge } from "./feed-settings.ts";
import { listHandAddsThisWeek } from "./hand-adds.ts";
import { type HomeView, renderHome } from "./render/home-blocks.ts";

/**
 * The Home tab as it is now. The week's figures come from the question log's summary for no
 * channel, so nothing is quoted and private topics are named only once several people asked.
 */
export async function homeView(deps: SlackDeps, user: string): Promise<HomeView> {
  await deps.knowledge.ready;
  const now = (deps.now ?? (() => new Date()))();
  const after = new Date(now.getTime() - WEEK_MS);
  const asked = deps.questionLog?.summarise?.({ after });
  const votes = summariseFeedback(await deps.feedback.votes({ after }), {});
  const settings = deps.digestSettings;
  const editor = deps.feeds !== undefined && (await mayEditKnowledge(deps, user));
  const feeds = editor ? ((await deps.feeds?.store.list()) ?? []).map(describeFeed) : undefined;
  const handAdds = editor ? await listHandAddsThisWeek(deps) : undefined;
  return renderHome({
    ...(feeds === undefined ? {} : { feeds }),
    ...(handAdds === undefined ? {} : { handAdds }),
    summary: summariseKnowledge(deps.knowledge.knowledge()),
    status: deps.knowledge.status(),
    ...(settings === undefined
      ? {}
      : {
          digest: {
            schedule: describeSchedule(settings.schedule),
            channels: await currentDigestChannels(deps),
          },
        }),
    week: {
      asked: asked?.total ?? 0,
      answered: asked?.answered ?? 0,
      topics: asked?.topics ?? [],
      foundWrong: votes.wrong.length + votes.wrongUnlisted,
    },
  });
}
