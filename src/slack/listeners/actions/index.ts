import type { App, BlockButtonAction } from "@slack/bolt";
import { resolveSlackDeps, type SlackDeps } from "../../deps.ts";
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

/**
 * The answer buttons. **More results**: the next page, to the clicker only. **Share in channel**:
 * the same answer posted visibly, saying who shared it, and the private copy removed.
 * **Helpful** / **Not helpful**: one vote per person per answer, acknowledged in the answer.
 */
export function register(app: App, slackDeps: SlackDeps): void {
  const deps = resolveSlackDeps(slackDeps);
  app.action<BlockButtonAction>(ACTION_MORE, async ({ ack, action, body, respond }) => {
    await ack();
    const ref = decodeAnswerRef(action.value);
    const message = ref
      ? await safely(deps, `${ACTION_MORE} in ${body.channel?.id}`, () =>
          answerQuestion(deps, ref.question, {
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
  });

  app.action<BlockButtonAction>(ACTION_SHARE, async ({ ack, action, body, respond }) => {
    await ack();
    const ref = decodeAnswerRef(action.value);
    if (!ref) {
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        ...renderNotice(NOTICES.expired),
      });
      return;
    }
    const message = await safely(deps, `${ACTION_SHARE} in ${body.channel?.id}`, () =>
      answerQuestion(deps, ref.question, {
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
  });

  for (const [actionId, helpful] of [
    [ACTION_HELPFUL, true],
    [ACTION_NOT_HELPFUL, false],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, action, body, respond }) => {
      await ack();
      const ref = decodeAnswerRef(action.value);
      if (ref?.id === undefined) {
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          ...renderNotice(NOTICES.expired),
        });
        return;
      }
      const message = await safely(deps, `${actionId} in ${body.channel?.id}`, () =>
        voteOnAnswer(deps, { ...ref, id: ref.id as string }, helpful, {
          user: body.user.id,
          ...(body.channel === undefined ? {} : { channel: body.channel.id }),
          ephemeral: body.container?.is_ephemeral === true,
        }),
      );
      await respond({ replace_original: true, ...message, ...NO_UNFURL });
    });
  }
}
