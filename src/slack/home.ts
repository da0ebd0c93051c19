import { summariseKnowledge } from "../answer/summarise-knowledge.ts";
import { describeSchedule } from "../digest/describe-schedule.ts";
import { summariseFeedback } from "../feedback/summarise.ts";
import { describeFeed } from "../feeds/feed-status.ts";
import { WEEK_MS } from "../util/time.ts";
import type { SlackDeps } from "./deps.ts";
import { digestChannelsForAnswer } from "./digest-settings.ts";
import { mayEditKnowledge } from "./feed-settings.ts";
import { listHandAddsThisWeek } from "./hand-adds.ts";
import { readInTime } from "./read-in-time.ts";
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
  const settings = deps.digestSettings;
  const { feeds: following } = deps;
  const editor = following !== undefined && (await mayEditKnowledge(deps, user));
  // Each store is read at once and waited on briefly: a view with a part missing (and saying
  // so) beats no view while the database is away.
  const [votes, feeds, handAdds, channels] = await Promise.all([
    readInTime(deps, "optional", () => deps.feedback.votes({ after }), UNREAD.votes),
    editor ? readInTime(deps, "optional", () => following.store.list(), UNREAD.feeds) : [],
    editor ? readInTime(deps, "optional", () => listHandAddsThisWeek(deps), UNREAD.handAdds) : [],
    settings === undefined ? [] : digestChannelsForAnswer(deps),
  ]);
  const unread = [
    ...(votes === undefined ? [UNREAD.votes] : []),
    ...(feeds === undefined ? [UNREAD.feeds] : []),
    ...(handAdds === undefined && deps.editing !== undefined ? [UNREAD.handAdds] : []),
    ...(channels === undefined ? [UNREAD.channels] : []),
  ];
  const wrong = votes === undefined ? undefined : summariseFeedback(votes, {});
  return renderHome({
    ...(editor ? { feeds: (feeds ?? []).map(describeFeed) } : {}),
    ...(editor && handAdds !== undefined ? { handAdds } : {}),
    summary: summariseKnowledge(deps.knowledge.knowledge()),
    status: deps.knowledge.status(),
    ...(settings === undefined
      ? {}
      : {
          digest: {
            schedule: describeSchedule(settings.schedule),
            ...(channels === undefined ? {} : { channels }),
          },
        }),
    week: {
      asked: asked?.total ?? 0,
      answered: asked?.answered ?? 0,
      topics: asked?.topics ?? [],
      ...(wrong === undefined ? {} : { foundWrong: wrong.wrong.length + wrong.wrongUnlisted }),
    },
    unread,
  });
}

/** What the Home tab names when a store did not give it in time. */
const UNREAD = {
  votes: "this week's votes",
  feeds: "the followed feeds",
  handAdds: "the articles added by hand",
  channels: "the digest's channels",
} as const;
