import type { RespondFn } from "@slack/bolt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { replyInTime } from "../../../../src/slack/listeners/commands/reply-in-time.ts";
import { NOTICES } from "../../../../src/slack/replies.ts";

const answer = { text: "959 km", blocks: [] };

afterEach(() => vi.restoreAllMocks());

describe("replyInTime", () => {
  it("acks with a reply that is ready at once, and starts no timer for it", async () => {
    const setTimer = vi.spyOn(globalThis, "setTimeout");
    const acked: unknown[] = [];
    await replyInTime({
      ack: async (reply) => void acked.push(reply),
      respond: vi.fn(),
      produce: async () => answer,
      deadlineMs: 2500,
    });
    expect(acked).toEqual([expect.objectContaining({ text: "959 km" })]);
    expect(setTimer).not.toHaveBeenCalled();
  });

  it("acks with a note at the deadline and sends a slow reply through respond", async () => {
    const acked: unknown[] = [];
    const responded: unknown[] = [];
    await replyInTime({
      ack: async (reply) => void acked.push(reply),
      respond: (async (reply: unknown) => void responded.push(reply)) as unknown as RespondFn,
      produce: () => new Promise((resolve) => setTimeout(resolve, 80, answer)),
      deadlineMs: 20,
    });
    expect(JSON.stringify(acked)).toContain(NOTICES.working);
    expect(responded).toEqual([
      expect.objectContaining({ text: "959 km", replace_original: true }),
    ]);
  });
});
