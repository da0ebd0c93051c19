import type { App, BlockButtonAction } from "@slack/bolt";
import { resolveSlackDeps, type SlackDeps } from "../../deps.ts";
import { ACTION_MORE, ACTION_SHARE } from "../../render/answer-blocks.ts";
import { decodeAnswerRef } from "../../render/answer-ref.ts";
import { renderNotice } from "../../render/notice-blocks.ts";
import { answerQuestion, NO_UNFURL, NOTICES, safely } from "../../replies.ts";

/**
 * The answer buttons. **More results**: the next page, to the clicker only. **Share in channel**:
 * the same answer posted visibly, saying who shared it, and the private copy removed.
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
}
