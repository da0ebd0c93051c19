import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { usageHint } from "../../src/commands/subcommands.ts";
import { COMMAND } from "../../src/slack/listeners/commands/index.ts";
import { SHORTCUT_ADD_MESSAGE } from "../../src/slack/listeners/shortcuts/add-to-knowledge.ts";
import { SHORTCUT_ASK_MESSAGE } from "../../src/slack/listeners/shortcuts/index.ts";

const schema = JSON.parse(
  readFileSync(
    new URL("../../../shared/slack/manifest.schema.1.0.0.json", import.meta.url),
    "utf8",
  ),
);
const manifestText = readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8");
const manifest = parse(manifestText);

/** The manifest with the edits its comments describe for HTTP mode. */
function httpModeManifest(host: string) {
  return parse(
    manifestText
      .replace(/# (url|request_url): https:\/\/YOUR-PUBLIC-HOST/g, `$1: https://${host}`)
      .replace("socket_mode_enabled: true", "socket_mode_enabled: false"),
  );
}

/**
 * The schema is draft-07, Ajv's default. `strict: false` because it carries annotations Ajv does
 * not know (such as `_note`); its one `format` ("uri") is checked for real with URL.canParse,
 * since ajv-formats is not a dependency.
 */
function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  return ajv.compile(schema);
}

describe("manifest.yml", () => {
  test("validates against Slack's manifest schema", () => {
    const validate = validator();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test("the HTTP-mode edits its comments describe also validate, all pointing at /slack/events", () => {
    const http = httpModeManifest("iranpak.example.org");
    expect(validator()(http)).toBe(true);
    const urls = [
      http.features.slash_commands[0].url,
      http.settings.event_subscriptions.request_url,
      http.settings.interactivity.request_url,
    ];
    expect(urls).toEqual(Array(3).fill("https://iranpak.example.org/slack/events"));
    expect(http.settings.socket_mode_enabled).toBe(false);
  });

  test("the schema check rejects a manifest that breaks it", () => {
    const validate = validator();
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].command = "iranpak";
    expect(validate(broken)).toBe(false);
  });

  test("declares the command, the events and the Socket Mode the app listens for", () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      COMMAND,
    ]);
    // The hint is the command table's, so a new subcommand can't be left out of it.
    expect(manifest.features.slash_commands[0].usage_hint).toBe(usageHint());
    expect(manifest.features.bot_user.display_name).toBe("iranpak");
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      "app_home_opened",
      "app_mention",
      "message.im",
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  test("declares the message shortcuts under the callback ids the app listens for", () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: "message", callback_id: SHORTCUT_ASK_MESSAGE }),
      expect.objectContaining({ type: "message", callback_id: SHORTCUT_ADD_MESSAGE }),
    ]);
    // Slack refuses shortcut names over 24 characters.
    for (const s of manifest.features.shortcuts) expect(s.name.length).toBeLessThanOrEqual(24);
  });

  test("asks for only the scopes the app uses", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      "app_mentions:read",
      "channels:read",
      "chat:write",
      "commands",
      "im:history",
      "users:read",
    ]);
  });
});
