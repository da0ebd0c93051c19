/**
 * A separate process that posts digests once, for the test of processes racing for a day:
 * `node --import tsx post-digests-worker.ts <dataDir> <apiUrl> <iso-now> <channel>…`.
 * Prints its outcomes as JSON.
 */

import { postDigests } from "../../src/digest/post.ts";
import { silentLogger } from "../../src/log/logger.ts";
import { createDigestClient, SLACK_DIGEST_PRESENTER } from "../../src/slack/digest-client.ts";
import { createDigestStore } from "../../src/store/file/digest-store.ts";
import { openQuestionLog } from "../../src/store/file/question-log.ts";
import { knowledgeBase, manyFacts } from "./fixtures.ts";

const [dataDir = "", apiUrl = "", now = "", ...channels] = process.argv.slice(2);
const kb = knowledgeBase({ facts: manyFacts(6) });
const outcomes = await postDigests(
  {
    presenter: SLACK_DIGEST_PRESENTER,
    client: createDigestClient({ token: "xoxb-race", slackApiUrl: apiUrl }),
    channels,
    schedule: { time: { hour: 9, minute: 0 }, timeZone: "UTC", days: [0, 1, 2, 3, 4, 5, 6] },
    store: createDigestStore({ dataDir, logger: silentLogger }),
    knowledge: () => kb,
    questions: openQuestionLog({
      dataDir,
      retentionDays: 30,
      logger: silentLogger,
      readOnly: true,
    }),
    logger: silentLogger,
  },
  { now: new Date(now), mode: "scheduled" },
);
process.stdout.write(JSON.stringify(outcomes));
