import { parseCommand } from "../../../commands/parse-command.ts";
import { dispatchCommand } from "../../../commands/subcommands.ts";
import { SLACK_COMMAND_HANDLERS } from "../../command-handlers.ts";
import { DEFAULT_SLACK_DEPS, notedIn, type SlackDeps } from "../../deps.ts";
import { addingNotice } from "../../knowledge-edits.ts";
import { readSlackText } from "../../render/mrkdwn.ts";
import { safely } from "../../replies.ts";
import { requestNoteOf } from "../../request-log.ts";
import { askSlackIfAdmin } from "../../workspace-admins.ts";
import type { Router } from "../router.ts";
import { replyInTime } from "./reply-in-time.ts";

export const COMMAND = "/iranpak";

/** `/iranpak …`: a subcommand of the table (src/commands) or a question, answered to the asker only. */
export function register(router: Router, deps: SlackDeps): void {
  router.command(COMMAND, async ({ command, ack, respond, client, context: bolt }) => {
    const request = parseCommand(readSlackText(command.text));
    const context = {
      deps: notedIn({ isWorkspaceAdmin: askSlackIfAdmin(client), ...deps }, requestNoteOf(bolt)),
      user: command.user_id,
      channel: command.channel_id,
      rawText: command.text,
    };
    await replyInTime({
      ack,
      respond,
      // Fetching a page takes seconds: say so at once rather than after the deadline.
      ...(request.kind === "add" ? { atOnce: addingNotice(request.text) } : {}),
      deadlineMs: deps.ackDeadlineMs ?? DEFAULT_SLACK_DEPS.ackDeadlineMs,
      produce: () =>
        safely(deps, `${COMMAND} ${request.kind} in ${command.channel_id}`, () =>
          dispatchCommand(SLACK_COMMAND_HANDLERS, request, context),
        ),
    });
  });
}
