/**
 * The channels subscribed from Slack (`/iranpak digest subscribe`), on top of DIGEST_CHANNELS,
 * the static base list. Async so a database can stand in for the default file.
 */
export interface SubscriptionStore {
  list(): Promise<string[]>;
  /** False when the channel was subscribed already. */
  add(channel: string): Promise<boolean>;
  /** False when it was not subscribed. */
  remove(channel: string): Promise<boolean>;
}

/** The channels the digest goes to: the base list, then the subscribed ones, each once. */
export async function digestChannels(
  base: readonly string[],
  subscriptions: Pick<SubscriptionStore, "list"> | undefined,
): Promise<string[]> {
  return [...new Set([...base, ...((await subscriptions?.list()) ?? [])])];
}
