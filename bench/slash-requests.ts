import type { Request } from "autocannon";
import { EVENTS_PATH } from "../src/slack/app.ts";
import { commandForm, signatureHeaders } from "../test/helpers/sign-request.ts";

/** The fields Slack posts with every slash command (see shared/slack/payloads), bar the text. */
const COMMAND_FIELDS = {
  token: "gIkuvaNzQIHg97ATvDxqgjtO",
  team_id: "T0A1B2C3D4E",
  team_domain: "iranpak-lab",
  channel_id: "C07QX3K9RJD",
  channel_name: "research-desk",
  user_id: "U05LM8N2PQR",
  user_name: "parisa.k",
  command: "/iranpak",
  api_app_id: "A08IRANPAK1",
  is_enterprise_install: "false",
} as const;

/** The form body Slack posts for `/iranpak <question>`; `n` keeps trigger ids distinct. */
export function slashCommandBody(question: string, n: number, responseUrl: string): string {
  return commandForm({
    ...COMMAND_FIELDS,
    text: question,
    response_url: responseUrl,
    trigger_id: `7712345678901.6123456789012.${n.toString(16).padStart(32, "0")}`,
  }).toString();
}

/**
 * One signed request per question, signed once up front so the load generator spends its time
 * sending. Bolt refuses timestamps older than five minutes: build these right before the run.
 */
export function signedSlashRequests(
  questions: readonly string[],
  secret: string,
  responseUrl: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Request[] {
  return questions.map((question, n) => {
    const body = slashCommandBody(question, n, responseUrl);
    return {
      method: "POST",
      path: EVENTS_PATH,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...signatureHeaders(body, { secret, timestamp }),
      },
      body,
    };
  });
}
