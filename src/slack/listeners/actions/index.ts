import { notedIn, type SlackDeps } from "../../deps.ts";
import { voteOnAnswer } from "../../feedback-vote.ts";
import {
  ACTION_HELPFUL,
  ACTION_MORE,
  ACTION_NOT_HELPFUL,
  ACTION_SHARE,
} from "../../render/answer-blocks.ts";
import { decodeAnswerRef } from "../../render/answer-ref.ts";
import { renderNotice } from "../../render/notice-blocks.ts";
import { answerQuestion, NO_UNFURL, NOTICES, safely } from "../../replies.ts";
import { requestNoteOf } from "../../request-log.ts";
import type { ButtonArgs, Router } from "../router.ts";

/**
 * The answer buttons. **More results**: the next page, to the clicker only. **Share in channel**:
 * the same answer posted visibly, saying who shared it, and the private copy removed.
 * **Helpful** / **Not helpful**: one vote per person per answer, acknowledged in the answer.
 */
export function register(router: Router, deps: SlackDeps): void {
  const handlers = buttonHandlers(deps);
  const ids = new RegExp(`^(?:${Object.keys(handlers).join("|")})$`);
  router.button(ids, async (args) => {
    await args.ack();
    await handlers[args.action.action_id]?.(args);
  });
}

function buttonHandlers(deps: SlackDeps): Record<string, (args: ButtonArgs) => Promise<void>> {
  const expired = (respond: ButtonArgs["respond"]) =>
    respond({
      response_type: "ephemeral",
      replace_original: false,
      ...renderNotice(NOTICES.expired),
    });

  const more = async ({ action, body, respond, context }: ButtonArgs) => {
    const ref = decodeAnswerRef(action.value);
    const message = ref
      ? await safely(deps, `${ACTION_MORE} in ${body.channel?.id}`, () =>
          answerQuestion(notedIn(deps, requestNoteOf(context)), ref.question, {
            record: false,
            offset: ref.offset,
            share: true,
            ...(body.channel === undefined
              ? {}
              : { pageFor: { user: body.user.id, channel: body.channel.id } }),
          }),
        )
      : renderNotice(NOTICES.expired);
    await respond({
      response_type: "ephemeral",
      replace_original: false,
      ...message,
      ...NO_UNFURL,
    });
  };

  const share = async ({ action, body, respond, context }: ButtonArgs) => {
    const ref = decodeAnswerRef(action.value);
    if (!ref) {
      await expired(respond);
      return;
    }
    const message = await safely(deps, `${ACTION_SHARE} in ${body.channel?.id}`, () =>
      answerQuestion(notedIn(deps, requestNoteOf(context)), ref.question, {
        record: false,
        offset: ref.offset,
        more: false,
        sharedBy: body.user.id,
      }),
    );
    await respond({
      response_type: "in_channel",
      replace_original: false,
      ...message,
      ...NO_UNFURL,
    });
    if (body.container?.is_ephemeral) await respond({ delete_original: true });
  };

  const vote =
    (helpful: boolean) =>
    async ({ action, body, respond }: ButtonArgs) => {
      const ref = decodeAnswerRef(action.value);
      if (ref?.id === undefined) {
        await expired(respond);
        return;
      }
      const message = await safely(deps, `${action.action_id} in ${body.channel?.id}`, () =>
        voteOnAnswer(deps, { ...ref, id: ref.id as string }, helpful, {
          user: body.user.id,
          ...(body.channel === undefined ? {} : { channel: body.channel.id }),
          ephemeral: body.container?.is_ephemeral === true,
        }),
      );
      await respond({ replace_original: true, ...message, ...NO_UNFURL });
    };

  return {
    [ACTION_MORE]: more,
    [ACTION_SHARE]: share,
    [ACTION_HELPFUL]: vote(true),
    [ACTION_NOT_HELPFUL]: vote(false),
  };
}
