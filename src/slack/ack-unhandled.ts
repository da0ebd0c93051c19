import type { App, ReceiverEvent } from "@slack/bolt";
import type { Logger } from "../log/logger.ts";
import { describeRequest } from "./log-errors.ts";

/**
 * The app as a receiver sees it, with one difference: a request still unacknowledged when Bolt
 * has finished with it is acknowledged then. Bolt leaves unknown payload types, and known ones no
 * listener takes (a shortcut, a view submission), unacknowledged, so Slack waited three seconds
 * for a 404 and retried. A request Bolt cannot dispatch at all (`event: null`) is logged and
 * acknowledged, so Slack does not send the same garbage again.
 */
export function ackUnhandled(app: App, logger: Logger): App {
  const processEvent = async (event: ReceiverEvent): Promise<void> => {
    let acked = false;
    const ack: ReceiverEvent["ack"] = (response) => {
      acked = true;
      return event.ack(response);
    };
    try {
      await app.processEvent({ ...event, ack });
    } catch (error) {
      logger.warn(
        `could not dispatch ${describeRequest(event.body)}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (acked) return;
    logger.debug(`acknowledged ${describeRequest(event.body)}: nothing here handles it`);
    await ack();
  };
  return new Proxy(app, {
    get: (target, key) => (key === "processEvent" ? processEvent : Reflect.get(target, key)),
  });
}
