import type { App } from "@slack/bolt";
import { resolveSlackDeps, type SlackDeps } from "../../deps.ts";
import { homeView } from "../../home.ts";

/** The Home tab, published afresh each time someone opens it. */
export function register(app: App, slackDeps: SlackDeps): void {
  const deps = resolveSlackDeps(slackDeps);
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    await client.views.publish({ user_id: event.user, view: await homeView(deps) });
  });
}
