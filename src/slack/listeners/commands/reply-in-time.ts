import type { AckFn, RespondArguments, RespondFn } from "@slack/bolt";
import { yieldToEventLoop } from "../../../util/cooperative.ts";
import type { SlackMessage } from "../../render/blocks.ts";
import { renderNotice } from "../../render/notice-blocks.ts";
import { NO_UNFURL, NOTICES } from "../../replies.ts";

export interface ReplyInTimeArgs {
  ack: AckFn<string | RespondArguments>;
  respond: RespondFn;
  /** The reply, shown only to the person who typed the command. */
  produce: () => Promise<SlackMessage>;
  deadlineMs: number;
  /** Acked with this at once, the reply following through response_url: for slow work. */
  atOnce?: SlackMessage;
}

/**
 * Answers inside the ack when the reply is ready before the deadline; otherwise acks with a
 * "looking it up" note and sends the reply through response_url when it is ready. A reply from
 * memory is ready by the event loop's next turn: only one that is not starts the deadline's
 * timer.
 */
export async function replyInTime({ ack, respond, produce, deadlineMs, atOnce }: ReplyInTimeArgs) {
  const started = performance.now();
  const pending = produce();
  const early =
    atOnce === undefined
      ? ((await Promise.race([pending, yieldToEventLoop()])) ??
        (await withinDeadline(pending, deadlineMs - (performance.now() - started))))
      : undefined;
  if (early) {
    await ack({ response_type: "ephemeral", ...early, ...NO_UNFURL } as RespondArguments);
    return;
  }
  await ack({
    response_type: "ephemeral",
    ...(atOnce ?? renderNotice(NOTICES.working)),
  } as RespondArguments);
  const message = await pending;
  await respond({
    response_type: "ephemeral",
    replace_original: true,
    ...message,
    ...NO_UNFURL,
  } as RespondArguments);
}

/** `pending` if it comes within `ms`, else undefined. */
async function withinDeadline(
  pending: Promise<SlackMessage>,
  ms: number,
): Promise<SlackMessage | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, ms), undefined);
  });
  return Promise.race([pending, late]).finally(() => clearTimeout(timer));
}
