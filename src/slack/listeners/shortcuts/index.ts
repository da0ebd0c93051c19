import { askedFrom, notedIn, type SlackDeps } from "../../deps.ts";
import { readSlackText } from "../../render/mrkdwn.ts";
import { renderNotice } from "../../render/notice-blocks.ts";
import { answerQuestion, NO_UNFURL, safely } from "../../replies.ts";
import { requestNoteOf } from "../../request-log.ts";
import type { Router } from "../router.ts";
import { registerAddToKnowledge } from "./add-to-knowledge.ts";

/** The message shortcut's callback id, as manifest.yml declares it. */
export const SHORTCUT_ASK_MESSAGE = "iranpak_ask_message";

export const NO_TEXT = "That message has no text to ask about.";

/**
 * "Ask iranpak about this message": the message's text is the question, answered only to the
 * person who used the shortcut (through the payload's response_url), with Share in channel. It
 * counts as a private question, like a slash command's.
 */
export function register(router: Router, deps: SlackDeps): void {
  registerAddToKnowledge(router, deps);
  router.messageShortcut(SHORTCUT_ASK_MESSAGE, async ({ ack, shortcut, respond, context }) => {
    await ack();
    const user = shortcut.user.id;
    const channel = shortcut.channel.id;
    const question = readSlackText(withoutPings(shortcut.message.text ?? ""))
      .replace(/\s+/g, " ")
      .trim();
    const message =
      question === ""
        ? renderNotice(NO_TEXT)
        : await safely(deps, `shortcut ${SHORTCUT_ASK_MESSAGE} in ${channel}`, () =>
            answerQuestion(
              askedFrom(notedIn(deps, requestNoteOf(context)), { origin: "command", user }),
              question,
              {
                record: true,
                share: true,
                pageFor: { user, channel },
              },
            ),
          );
    await respond({
      response_type: "ephemeral",
      replace_original: false,
      ...message,
      ...NO_UNFURL,
    });
  });
}

/**
 * A message's mentions and broadcasts (`<@U…>`, `<!here>`) name no topic, and the search would
 * read them as words it can't find: the question is the rest.
 */
export function withoutPings(text: string): string {
  return text.replace(/<[@!][^<>]*>/g, " ");
}
