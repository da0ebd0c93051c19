import { App, type Receiver } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { routeRequests } from "../../../src/slack/listeners/router.ts";

const TEAM = "T0A1B2C3D4E";
const noReceiver: Receiver = {
  init: () => {},
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
};

/** An app routing to handlers that note their name, and what reached the end of the chain. */
function routedApp() {
  const app = new App({
    receiver: noReceiver,
    authorize: async () => ({ botToken: "xoxb-test", botId: "B1", botUserId: "U0BOT" }),
    convoStore: false,
  });
  const handled: string[] = [];
  const note = (name: string) => async () => void handled.push(name);
  routeRequests(app, (router) => {
    router.command("/iranpak", note("command"));
    router.command("/iranpak", note("the same command again"));
    router.event(/^(?:app_mention|message)$/, note("event"));
    router.button(/^iranpak_more$/, note("button"));
    router.messageShortcut("iranpak_ask_message", note("shortcut"));
  });
  const dispatch = (body: Record<string, unknown>) =>
    app.processEvent({ body, ack: async () => {} }).then(() => handled);
  return { app, handled, dispatch };
}

const command = (name: string) => ({
  command: name,
  text: "pipeline",
  team_id: TEAM,
  channel_id: "C1",
  user_id: "U1",
});
const event = (type: string) => ({
  type: "event_callback",
  team_id: TEAM,
  event_id: "Ev1",
  event: { type, user: "U1", channel: "C1", text: "hi", ts: "1.2" },
});
const click = (type: string, actionId: string) => ({
  type,
  team: { id: TEAM },
  user: { id: "U1" },
  actions: [{ type: "button", action_id: actionId, block_id: "b", value: "v" }],
});
const shortcut = (type: string, callbackId: string) => ({
  type,
  callback_id: callbackId,
  trigger_id: "1.2",
  team: { id: TEAM },
  user: { id: "U1" },
  channel: { id: "C1" },
  message: { text: "hi", ts: "1.2" },
});

describe("routeRequests", () => {
  it("sends a slash command to the first handler of its name, and only to it", async () => {
    expect(await routedApp().dispatch(command("/iranpak"))).toEqual(["command"]);
  });

  it("sends no command of another name to a handler", async () => {
    expect(await routedApp().dispatch(command("/other"))).toEqual([]);
  });

  it("sends events whose type matches to the event handler, and no others", async () => {
    expect(await routedApp().dispatch(event("app_mention"))).toEqual(["event"]);
    expect(await routedApp().dispatch(event("reaction_added"))).toEqual([]);
  });

  it("sends a click on a button of a matching action id in block_actions, and no other", async () => {
    expect(await routedApp().dispatch(click("block_actions", "iranpak_more"))).toEqual(["button"]);
    expect(await routedApp().dispatch(click("block_actions", "iranpak_share"))).toEqual([]);
    expect(await routedApp().dispatch(click("interactive_message", "iranpak_more"))).toEqual([]);
  });

  it("sends a message shortcut by its callback id, and no global shortcut of that id", async () => {
    const ask = shortcut("message_action", "iranpak_ask_message");
    expect(await routedApp().dispatch(ask)).toEqual(["shortcut"]);
    expect(await routedApp().dispatch(shortcut("shortcut", "iranpak_ask_message"))).toEqual([]);
    expect(await routedApp().dispatch(shortcut("message_action", "other"))).toEqual([]);
  });

  it("hands a handler's failure to the app's error handler", async () => {
    const app = new App({
      receiver: noReceiver,
      authorize: async () => ({ botToken: "xoxb-test" }),
      convoStore: false,
    });
    const errors: unknown[] = [];
    app.error(async (error) => void errors.push(error.original ?? error));
    const failure = new Error("listener failed");
    routeRequests(app, (router) =>
      router.command("/iranpak", async () => {
        throw failure;
      }),
    );
    await app.processEvent({ body: command("/iranpak"), ack: async () => {} });
    expect(errors).toEqual([failure]);
  });
});
