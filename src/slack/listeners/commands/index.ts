import type { App } from "@slack/bolt";
import { type CommandRequest, parseCommand } from "../../../commands/parse-command.ts";
import { askedFrom, SLACK_DEPS_DEFAULTS, type SlackDeps } from "../../deps.ts";
import type { SlackMessage } from "../../render/blocks.ts";
import { readSlackText } from "../../render/mrkdwn.ts";
import {
  answerQuestion,
  digestMessage,
  factsMessage,
  helpMessage,
  safely,
  sourcesMessage,
} from "../../replies.ts";
import { replyInTime } from "./reply-in-time.ts";

export const COMMAND = "/iranpak";

/** `/iranpak …`: help, sources, facts, digest preview or a question, answered to the asker only. */
export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond }) => {
    const request = parseCommand(readSlackText(command.text));
    await replyInTime({
      ack,
      respond,
      deadlineMs: deps.ackDeadlineMs ?? SLACK_DEPS_DEFAULTS.ackDeadlineMs,
      produce: () =>
        safely(deps, `${COMMAND} ${request.kind} in ${command.channel_id}`, () =>
          reply(
            askedFrom(deps, { origin: "command", user: command.user_id }),
            request,
            command.channel_id,
          ),
        ),
    });
  });
}

function reply(deps: SlackDeps, request: CommandRequest, channel: string): Promise<SlackMessage> {
  switch (request.kind) {
    case "help":
      return helpMessage(deps);
    case "sources":
      return sourcesMessage(deps);
    case "digest":
      return digestMessage(deps, channel);
    case "facts":
      return factsMessage(deps, request.topic);
    case "question":
      return answerQuestion(deps, request.question, { record: true, share: true });
  }
}
