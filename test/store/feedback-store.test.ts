import { expect, it } from "vitest";
import type { FeedbackVote } from "../../src/feedback/types.ts";
import { openFeedbackFile } from "../../src/store/file/feedback-store.ts";
import { createPostgresFeedbackStore } from "../../src/store/postgres/feedback-store.ts";
import { describeStoreContract } from "./contract.ts";

const minute = (m: number) => new Date(Date.UTC(2026, 10, 27, 9, m)).toISOString();

const vote = (over: Partial<FeedbackVote>): FeedbackVote => ({
  answer: "00000000000000a1",
  voter: "abcd1234.0000000000000001",
  helpful: true,
  at: minute(0),
  origin: "mention",
  channel: "C0ONE",
  question: "gas price?",
  answered: true,
  ...over,
});

describeStoreContract(
  "feedback votes",
  {
    file: ({ dataDir, logger }) => openFeedbackFile({ dataDir, logger }),
    postgres: ({ pool }) => createPostgresFeedbackStore(pool),
  },
  ({ kind, open, dump }) => {
    it("counts each person once per answer, their latest vote, in whichever process they vote", async () => {
      const [a, b] = [await open(), await open()];
      expect(await a.vote(vote({}))).toEqual({ helpful: 1, notHelpful: 0 });
      expect(await b.vote(vote({ helpful: false, at: minute(1) }))).toEqual({
        helpful: 0,
        notHelpful: 1,
      });
      const other = { voter: "abcd1234.0000000000000002", at: minute(2) };
      expect(await b.vote(vote(other))).toEqual({ helpful: 1, notHelpful: 1 });
      expect(await b.vote(vote({ ...other, answer: "00000000000000a2" }))).toEqual({
        helpful: 1,
        notHelpful: 0,
      });
      const later = await open();
      expect((await later.votes()).map((v) => [v.answer, v.voter, v.helpful])).toEqual([
        ["00000000000000a1", "abcd1234.0000000000000001", false],
        ["00000000000000a1", "abcd1234.0000000000000002", true],
        ["00000000000000a2", "abcd1234.0000000000000002", true],
      ]);
    });

    it("keeps a vote on a question with a NUL byte, and a 1 MB question cut to 500 characters", async () => {
      const store = await open();
      expect(await store.vote(vote({ question: "gas\u0000 price\ud800?" }))).toEqual({
        helpful: 1,
        notHelpful: 0,
      });
      await store.vote(vote({ answer: "00000000000000a2", question: "x".repeat(1 << 20) }));
      const kept = await (await open()).votes();
      expect(kept.map((v) => v.question?.length)).toEqual([11, 500]);
      expect(kept[0]?.question).toBe("gas price\ufffd?");
    });

    it("forgets the votes cast before the questions' retention, for every process", async () => {
      const store = await open();
      await store.vote(vote({ at: minute(0) }));
      await store.vote(vote({ answer: "00000000000000a2", at: minute(5) }));
      expect(await store.prune(new Date(minute(1)))).toBe(1);
      expect((await (await open()).votes()).map((v) => v.answer)).toEqual(["00000000000000a2"]);
    });

    it("lists the votes cast after an instant, as they were cast", async () => {
      const store = await open();
      await store.vote(vote({ at: minute(0) }));
      const late = vote({ voter: "abcd1234.0000000000000002", at: minute(5), helpful: false });
      await store.vote(late);
      expect(await store.votes({ after: new Date(minute(1)) })).toEqual([late]);
      expect(await (await open()).votes({ after: new Date(minute(5)) })).toEqual([]);
    });

    it("keeps a hashed voter, and a question's words only for answers shown in a channel", async () => {
      const store = await open();
      await store.vote(vote({ question: "visa fees?" }));
      // A caller that passes a private answer's question and channel anyway.
      const smuggled = { origin: "dm", channel: "D0SECRET", question: "is hunter2 safe?" } as const;
      await store.vote(vote({ answer: "00000000000000a3", ...smuggled }));
      const stored = await dump();
      expect(stored).toContain("visa fees?");
      expect(stored).toContain("abcd1234.0000000000000001");
      expect(stored).not.toMatch(/hunter2|D0SECRET/);
      const {
        channel: _c,
        question: _q,
        ...kept
      } = vote({ answer: "00000000000000a3", origin: "dm" });
      expect((await (await open()).votes())[1]).toStrictEqual(kept);
    });

    if (kind === "postgres") {
      it("of the same person voting on two replicas at once, counts one vote", async () => {
        const [a, b] = [await open(), await open()];
        await Promise.all([a.vote(vote({ helpful: true })), b.vote(vote({ helpful: false }))]);
        const votes = await (await open()).votes();
        expect(votes).toHaveLength(1);
      });

      it("refuses a Slack user id as the voter", async () => {
        const store = await open();
        await expect(store.vote(vote({ voter: "U0ASKER01" }))).rejects.toThrow(/check constraint/);
        expect(await dump()).not.toContain("U0ASKER01");
      });
    }
  },
);
