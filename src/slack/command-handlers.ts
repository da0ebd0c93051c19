import type { CommandHandlers } from "../commands/subcommands.ts";
import { askedFrom, type SlackDeps } from "./deps.ts";
import { changeSubscription } from "./digest-settings.ts";
import { changeFeeds, feedsMessage } from "./feed-settings.ts";
import { addMessage, removeMessage } from "./knowledge-edits.ts";
import type { SlackMessage } from "./render/blocks.ts";
import {
  answerQuestion,
  digestMessage,
  factsMessage,
  helpMessage,
  moreMessage,
  sourcesMessage,
} from "./replies.ts";

/** Who typed the command, and where. */
export interface SlackCommandContext {
  deps: SlackDeps;
  user: string;
  channel: string;
  /** The command's text as Slack sent it (link tokens intact); absent: the read text is all. */
  rawText?: string;
}

/** `/iranpak`'s subcommands in Slack: each reply is shown only to the person who typed it. */
export const SLACK_COMMAND_HANDLERS: CommandHandlers<SlackCommandContext, Promise<SlackMessage>> = {
  help: (_, { deps }) => helpMessage(deps),
  sources: (_, { deps }) => sourcesMessage(deps),
  facts: (topic, { deps }) => factsMessage(deps, topic),
  digest: (_, { deps, channel }) => digestMessage(deps, channel),
  "digest-subscribe": (_, { deps, user, channel }) =>
    changeSubscription(deps, { user, channel }, true),
  "digest-unsubscribe": (_, { deps, user, channel }) =>
    changeSubscription(deps, { user, channel }, false),
  feeds: (_, { deps }) => feedsMessage(deps),
  "feeds-add": (url, { deps, user }) => changeFeeds(deps, { user }, "add", url),
  "feeds-remove": (url, { deps, user }) => changeFeeds(deps, { user }, "remove", url),
  add: (url, { deps, user, rawText }) => addMessage(deps, user, url, rawText),
  remove: (target, { deps, user }) => removeMessage(deps, user, target),
  more: (_, { deps, user, channel }) => moreMessage(deps, { user, channel }),
  question: (question, { deps, user, channel }) =>
    answerQuestion(askedFrom(deps, { origin: "command", user }), question, {
      record: true,
      share: true,
      pageFor: { user, channel },
    }),
};
