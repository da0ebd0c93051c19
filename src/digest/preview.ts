import {
  type DigestDeps,
  type DigestMessage,
  type DigestPresenter,
  renderChannelDigest,
} from "./post.ts";
import { digestChannels } from "./subscriptions.ts";

/**
 * For `/iranpak digest`: the digest a channel would get if it were posted now, marked as a
 * preview. Asked from a digest channel, that channel's; from anywhere else (or without a
 * channel), the first digest channel's, quoting no one's question (the asker may not be in that
 * channel). Nothing is posted and no state changes. Built from the question log's summary in
 * memory, so it answers inside the ack however long the log.
 */
export function createDigestPreview<M extends DigestMessage>(
  deps: Pick<
    DigestDeps,
    "channels" | "schedule" | "store" | "knowledge" | "questions" | "feedback" | "subscriptions"
  > & {
    presenter: Pick<DigestPresenter<M>, "renderPreview">;
    now?: () => Date;
  },
): (channel?: string) => Promise<M> {
  const now = deps.now ?? (() => new Date());
  return async (channel) => {
    const channels = await digestChannels(deps.channels, deps.subscriptions);
    const subscribed = channel !== undefined && channels.includes(channel);
    const preview = { ...deps, presenter: { render: deps.presenter.renderPreview } };
    return subscribed
      ? renderChannelDigest(preview, channel, now())
      : renderChannelDigest(preview, channels[0], now(), { quote: false });
  };
}
