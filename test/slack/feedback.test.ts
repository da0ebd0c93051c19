import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FeedbackStore, FeedbackVote } from "../../src/feedback/types.ts";
import { ACTION_HELPFUL, ACTION_NOT_HELPFUL } from "../../src/slack/render/answer-blocks.ts";
import type { ActionsBlock } from "../../src/slack/render/blocks.ts";
import { createMemoryFeedbackStore } from "../../src/store/memory/feedback-store.ts";
import { stringsIn } from "../helpers/mrkdwn-tokens.ts";
import {
  buttonClick,
  eventCallback,
  type Json,
  slashCommandFields,
  socketModeEnvelopes,
  uniqueId,
} from "../helpers/payloads.ts";
import { commandForm, interactionForm, postSigned } from "../helpers/sign-request.ts";
import { type RunningSlackApp, startSlackApp } from "../helpers/slack-app.ts";

const votes: FeedbackVote[] = [];
/** The default store, keeping a copy of every vote it is given. */
function recordingFeedback(): FeedbackStore {
  const store = createMemoryFeedbackStore();
  return {
    vote: (vote) => {
      votes.push(vote);
      return store.vote(vote);
    },
    votes: (query) => store.votes(query),
    prune: (before) => store.prune(before),
  };
}

const shown = (message: unknown) => stringsIn(message).join("\n");
const button = (message: { blocks?: unknown }, actionId: string) =>
  ((message.blocks as ActionsBlock[]).find((b) => b.type === "actions")?.elements ?? []).find(
    (b) => b.action_id === actionId,
  );

let run: RunningSlackApp;
beforeAll(async () => {
  run = await startSlackApp({ deps: { feedback: recordingFeedback() } });
});
afterAll(() => run.stop());

async function slashAnswer(text: string) {
  const res = await postSigned(
    run.eventsUrl,
    commandForm({
      ...slashCommandFields(),
      text,
      response_url: run.slack.responseUrl(uniqueId("q")),
    }),
  );
  return res.json as Json & { blocks: unknown[] };
}

/** Clicks `actionId` on `message` as `user`; returns the response_url post that answers it. */
async function click(
  message: { blocks?: unknown },
  actionId: string,
  over: { user?: string; ephemeral?: boolean; channel?: string; value?: string } = {},
) {
  const id = uniqueId("vote");
  const payload = buttonClick({
    actionId,
    value: over.value ?? button(message, actionId)?.value ?? "",
    responseUrl: run.slack.responseUrl(id),
    ephemeral: over.ephemeral ?? true,
  });
  const user = over.user ?? "U05LM8N2PQR";
  const channel = over.channel ?? "C07QX3K9RJD";
  const res = await postSigned(
    run.eventsUrl,
    interactionForm({
      ...payload,
      user: { ...(payload.user as Json), id: user },
      channel: { id: channel, name: "somewhere" },
    }),
  );
  expect(res.status).toBe(200);
  return (await run.slack.waitForResponse((r) => r.id === id)).body;
}

describe("Helpful / Not helpful", () => {
  test("every answer carries them, abstentions included", async () => {
    for (const text of ["gas pipeline length", "cricket world cup scores"]) {
      const answer = await slashAnswer(text);
      expect(button(answer, ACTION_HELPFUL)?.text.text).toBe("Helpful");
      expect(button(answer, ACTION_NOT_HELPFUL)?.text.text).toBe("Not helpful");
    }
  });

  test("a vote replaces the answer with itself, thanking for the feedback with the votes so far", async () => {
    const answer = await slashAnswer("gas pipeline length");
    const updated = await click(answer, ACTION_HELPFUL);
    expect(updated.replace_original).toBe(true);
    expect(shown(updated)).toContain("*Question:* gas pipeline length");
    expect(shown(updated)).toContain("2,775 km");
    expect(shown(updated)).toContain("So far 1 found this helpful, 0 not helpful.");
    // The buttons stay: the person can change their mind, the others can vote.
    expect(button(updated as never, ACTION_NOT_HELPFUL)).toBeDefined();
  });

  test("one vote per person per answer: a second click replaces the first", async () => {
    const answer = await slashAnswer("Chabahar port");
    await click(answer, ACTION_HELPFUL);
    await click(answer, ACTION_HELPFUL);
    const changed = await click(answer, ACTION_NOT_HELPFUL);
    expect(shown(changed)).toContain("So far 0 found this helpful, 1 not helpful.");
    const another = await click(answer, ACTION_HELPFUL, { user: "U0ANOTHER1" });
    expect(shown(another)).toContain("So far 1 found this helpful, 1 not helpful.");
  });

  test("votes are kept under a salted hash; a private answer's question is not kept", async () => {
    const answer = await slashAnswer("my salary is secret, how long is the border");
    await click(answer, ACTION_NOT_HELPFUL);
    const vote = votes.at(-1);
    expect(vote).toMatchObject({ helpful: false, origin: "command" });
    expect(vote?.voter).toMatch(/^[0-9a-f]{8}\.[0-9a-f]{16}$/);
    expect(vote?.question).toBeUndefined();
    expect(JSON.stringify(votes)).not.toContain("U05LM8N2PQR");
    expect(JSON.stringify(votes)).not.toContain("salary");
  });

  test("on an answer in a channel thread, the vote keeps the channel and the question", async () => {
    const channel = uniqueId("C0VOTE");
    await postSigned(
      run.eventsUrl,
      eventCallback({
        type: "app_mention",
        user: "U05LM8N2PQR",
        text: "<@U08BOTIRPK> Chabahar port",
        ts: "1732610900.000100",
        channel,
      }),
    );
    const post = await run.slack.waitForCall("chat.postMessage", (c) => c.body.channel === channel);
    await click(post.body, ACTION_NOT_HELPFUL, { ephemeral: false, channel });
    expect(votes.at(-1)).toMatchObject({ origin: "mention", channel, question: "Chabahar port" });
  });

  test("in a DM the vote is private: no question kept", async () => {
    const answer = await slashAnswer("Chabahar port");
    await click(answer, ACTION_HELPFUL, { ephemeral: false, channel: "D0DIRECT01" });
    expect(votes.at(-1)).toMatchObject({ origin: "dm" });
    expect(votes.at(-1)?.question).toBeUndefined();
  });
});

describe("tampered votes", () => {
  test("a value iranpak did not make gets a notice and counts nothing", async () => {
    const before = votes.length;
    for (const value of ['{"q":"x","o":0,"a":"<!here>"}', '{"q":"x","o":0}', "nonsense"]) {
      const reply = await click({ blocks: [] }, ACTION_NOT_HELPFUL, { value });
      expect(shown(reply)).toContain("This button no longer works");
    }
    expect(votes.length).toBe(before);
  });

  test("a badly signed vote is refused with 401 and counts nothing", async () => {
    const answer = await slashAnswer("gas pipeline length");
    const before = votes.length;
    const payload = buttonClick({
      actionId: ACTION_HELPFUL,
      value: button(answer, ACTION_HELPFUL)?.value ?? "",
      responseUrl: run.slack.responseUrl(uniqueId("forged")),
    });
    const res = await postSigned(run.eventsUrl, interactionForm(payload), {
      secret: "0000000000000000aaaaaaaaaaaaaaaa",
    });
    expect(res.status).toBe(401);
    expect(votes.length).toBe(before);
  });
});

test("a vote over Socket Mode is acked and acknowledged in the answer", async () => {
  const socketRun = await startSlackApp({ mode: "socket" });
  try {
    await socketRun.socket?.waitForClient();
    const envelopes = socketModeEnvelopes();
    const slashEnvelope = envelopes.slash_commands as Json;
    socketRun.socket?.send({ ...slashEnvelope, envelope_id: "env-q" });
    const answer = (await socketRun.socket?.waitForAck("env-q"))?.payload as { blocks: unknown[] };
    const interactive = envelopes.interactive as Json;
    const payload = interactive.payload as Json;
    socketRun.socket?.send({
      ...interactive,
      envelope_id: "env-vote",
      payload: {
        ...payload,
        response_url: socketRun.slack.responseUrl("socket-vote"),
        actions: [
          {
            ...((payload.actions as Json[])[0] as Json),
            action_id: ACTION_HELPFUL,
            value: button(answer, ACTION_HELPFUL)?.value,
          },
        ],
      },
    });
    await socketRun.socket?.waitForAck("env-vote");
    const reply = await socketRun.slack.waitForResponse((r) => r.id === "socket-vote");
    expect(shown(reply.body)).toContain("So far 1 found this helpful, 0 not helpful.");
  } finally {
    await socketRun.stop();
  }
});
