/**
 * Bolt's two receivers, hardened: nothing a request or an envelope carries can stop the process,
 * and whatever nothing handles is acknowledged at once.
 */
import {
  type App,
  type Logger as BoltLogger,
  HTTPReceiver,
  type HTTPReceiverOptions,
  SocketModeReceiver,
  type SocketModeReceiverOptions,
} from "@slack/bolt";
import { ackUnhandled } from "./ack-unhandled.ts";
import { guardEventsEndpoint } from "./request-guard.ts";
import { guardSocketFrames } from "./socket-guard.ts";

/** One events path, and Bolt's default body limit (the guard reads bodies with the same). */
type HttpOptions = Omit<HTTPReceiverOptions, "bodyLimit"> & {
  endpoints: string;
  signingSecret: string;
  logger: BoltLogger;
};
type SocketOptions = SocketModeReceiverOptions & { logger: BoltLogger };

class GuardedHTTPReceiver extends HTTPReceiver {
  readonly #log: BoltLogger;

  constructor(options: HttpOptions) {
    // The guard checks every request Bolt would dispatch (the same method and path, read the
    // same way) and refuses what is not signed: Bolt's own check would only repeat it, dearer.
    super({ ...options, signatureVerification: false });
    this.#log = options.logger;
    this.requestListener = guardEventsEndpoint(this.requestListener, {
      path: options.endpoints,
      signingSecret: options.signingSecret,
      logger: options.logger,
    });
  }

  override init(app: App): void {
    super.init(ackUnhandled(app, this.#log));
  }
}

/**
 * Defined at the first Socket Mode receiver, not as this module loads: naming
 * `SocketModeReceiver` makes Bolt load it, with @slack/socket-mode, ws and undici, which the
 * build defers (scripts/defer-bolt-receivers.mjs) so that a start in HTTP mode does not
 * evaluate them.
 */
function defineGuardedSocketModeReceiver() {
  return class GuardedSocketModeReceiver extends SocketModeReceiver {
    readonly #log: BoltLogger;

    constructor(options: SocketOptions) {
      super(options);
      this.#log = options.logger;
      guardSocketFrames(this.client, options.logger);
    }

    override init(app: App): void {
      super.init(ackUnhandled(app, this.#log));
    }
  };
}

let GuardedSocketModeReceiver: ReturnType<typeof defineGuardedSocketModeReceiver> | undefined;

/** HTTPReceiver on one events path, with the body check and prompt acks. */
export function createHttpReceiver(options: HttpOptions): HTTPReceiver {
  return new GuardedHTTPReceiver(options);
}

/** SocketModeReceiver with the frame check and prompt acks. */
export function createSocketModeReceiver(options: SocketOptions): SocketModeReceiver {
  GuardedSocketModeReceiver ??= defineGuardedSocketModeReceiver();
  return new GuardedSocketModeReceiver(options);
}
