import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { homeView } from "../../home.ts";

/** The Home tab, published afresh each time someone opens it (registered with the events). */
export function openHome(deps: SlackDeps) {
  return async ({
    event,
    client,
  }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    await client.views.publish({ user_id: event.user, view: await homeView(deps, event.user) });
  };
}
