import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { followConversation } from "../../../conversation/context-store.ts";
import type { QuestionSource } from "../../../questions/question-log.ts";
import { askedFrom, notedIn, type SlackDeps } from "../../deps.ts";
import { readSlackText } from "../../render/mrkdwn.ts";
import { answerQuestion, helpMessage, NO_UNFURL, safely } from "../../replies.ts";
import { type RequestNote, requestNoteOf } from "../../request-log.ts";
import { openHome } from "../home/index.ts";
import type { EventArgs as AnyEventArgs, Router } from "../router.ts";

/** Where a message was asked: its channel, and the conversation (thread or DM) it belongs to. */
interface Asked {
  source: QuestionSource;
  channel: string;
  /** `<channel>/<thread ts>` or, for a DM outside threads, the DM's channel id. */
  conversation: string;
}

type EventArgs<T extends string> = SlackEventMiddlewareArgs<T> & AllMiddlewareArgs;

/** What the bot does with each event type it subscribes to (manifest.yml's bot_events). */
interface EventHandlers {
  app_mention(args: EventArgs<"app_mention">): Promise<void>;
  message(args: EventArgs<"message">): Promise<void>;
  app_home_opened(args: EventArgs<"app_home_opened">): Promise<void>;
}

/**
 * `@iranpak …` in a channel (answered in the message's thread), direct messages (answered in the
 * DM) and the Home tab. A bare mention gets help. A follow-up in a thread the bot answered, or in
 * a DM, is read with the question before it. Each event id is answered once, however often Slack
 * retries.
 */
export function register(router: Router, deps: SlackDeps): void {
  const firstTime = async ({ body, context }: AnyEventArgs): Promise<boolean> => {
    const id: unknown = body.event_id;
    if (typeof id === "string" && !(await deps.seenEvents.firstTime(id))) {
      deps.logger.info(`event ${id} is a retry (${context.retryNum ?? "?"}) of one already taken`);
      return false;
    }
    return true;
  };
  const handlers = eventHandlers(deps);
  const types = new RegExp(`^(?:${Object.keys(handlers).join("|")})$`);
  router.event(types, async (args) => {
    if (!(await firstTime(args))) return;
    const type = args.event.type as keyof EventHandlers;
    // The pattern admits only the table's types; each handler gets the arguments of its own.
    await (handlers[type] as (args: EventArgs<string>) => Promise<void>)(args);
  });
}

function eventHandlers(deps: SlackDeps): EventHandlers {
  const answer = async (
    what: string,
    text: string,
    botUserId: string | undefined,
    asked: Asked,
    note: RequestNote | undefined,
  ) => {
    const typed = readSlackText(withoutMention(text, botUserId)).trim();
    const { source, channel, conversation } = asked;
    return safely(deps, what, async () => {
      if (typed === "") return helpMessage(deps);
      const now = (deps.now ?? (() => new Date()))();
      const question = await followConversation(
        deps.conversations,
        conversation,
        typed,
        now,
        deps.conversationTtlMs,
      );
      const pageFor = source.user === undefined ? {} : { pageFor: { user: source.user, channel } };
      return answerQuestion(askedFrom(notedIn(deps, note), source), question, {
        record: true,
        ...pageFor,
      });
    });
  };

  return {
    app_mention: async ({ event, context, client }) => {
      if (event.bot_id !== undefined) return;
      const thread = event.thread_ts ?? event.ts;
      const message = await answer(
        `mention in ${event.channel}`,
        event.text,
        context.botUserId,
        {
          source: {
            origin: "mention",
            channel: event.channel,
            ...(event.user === undefined ? {} : { user: event.user }),
          },
          channel: event.channel,
          conversation: `${event.channel}/${thread}`,
        },
        requestNoteOf(context),
      );
      await client.chat.postMessage({
        channel: event.channel,
        thread_ts: thread,
        ...message,
        ...NO_UNFURL,
      });
    },

    message: async ({ event, context, client }) => {
      // Only what a person typed in a DM: no edits, joins or bot posts (our own included).
      if (
        event.channel_type !== "im" ||
        event.subtype !== undefined ||
        event.bot_id !== undefined
      ) {
        return;
      }
      const message = await answer(
        `direct message in ${event.channel}`,
        event.text ?? "",
        context.botUserId,
        {
          source: { origin: "dm", ...(event.user === undefined ? {} : { user: event.user }) },
          channel: event.channel,
          conversation:
            event.thread_ts === undefined ? event.channel : `${event.channel}/${event.thread_ts}`,
        },
        requestNoteOf(context),
      );
      await client.chat.postMessage({
        channel: event.channel,
        ...(event.thread_ts === undefined ? {} : { thread_ts: event.thread_ts }),
        ...message,
        ...NO_UNFURL,
      });
    },
    app_home_opened: openHome(deps),
  };
}

/**
 * Removes mentions of the bot from Slack's message text; without the bot's id (auth.test not
 * answered), removes the leading mention, which is the one that addressed it.
 */
export function withoutMention(text: string, botUserId: string | undefined): string {
  if (botUserId === undefined) return text.replace(/^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/, "");
  return text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, "g"), "");
}
