/**
 * When a feed is polled next: pure, with the clock and the randomness passed in.
 *
 * Each feed keeps its own schedule: the base interval, spread by a jitter so that feeds added
 * together (or replicas started together) do not all poll at the same second, doubled after
 * each failure in a row up to a day, and never earlier than the server's `Retry-After`.
 */

export const DEFAULT_FEED_POLL_SECONDS = 1800;
export const MIN_FEED_POLL_SECONDS = 5;
/** The longest wait between two polls, however often a feed failed: a feed is never dropped. */
export const MAX_FEED_BACKOFF_SECONDS = 24 * 60 * 60;
/** The interval is spread by up to this fraction either way. */
export const DEFAULT_POLL_JITTER = 0.1;

export interface PollPolicy {
  /** `FEED_POLL_SECONDS`; below `MIN_FEED_POLL_SECONDS` counts as that minimum. */
  pollSeconds: number;
  jitter: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  pollSeconds: DEFAULT_FEED_POLL_SECONDS,
  jitter: DEFAULT_POLL_JITTER,
};

/**
 * Completes a partial policy with the defaults. A value that is not a finite number takes the
 * default, and the jitter stays within [0, 0.5], so no setting can make a poll time invalid.
 */
export function resolvePollPolicy(policy: Partial<PollPolicy> = {}): PollPolicy {
  const pollSeconds = finiteOr(policy.pollSeconds, DEFAULT_POLL_POLICY.pollSeconds);
  const jitter = Math.min(0.5, Math.max(0, finiteOr(policy.jitter, DEFAULT_POLL_POLICY.jitter)));
  return { pollSeconds, jitter };
}

function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}

/** The wait before the next poll after `consecutiveFailures` failures in a row (0 = success). */
export function pollIntervalSeconds(policy: PollPolicy, consecutiveFailures: number): number {
  const base = Math.max(MIN_FEED_POLL_SECONDS, policy.pollSeconds);
  // Capping the exponent first keeps 2 ** n finite after any number of failures.
  const doubled = base * 2 ** Math.min(consecutiveFailures, 32);
  return Math.min(doubled, Math.max(base, MAX_FEED_BACKOFF_SECONDS));
}

export interface NextPollInput {
  now: Date;
  policy: PollPolicy;
  consecutiveFailures: number;
  /** A number in [0, 1), from the injected random source. */
  random: number;
  retryAfterSeconds?: number;
}

/** The instant of the next poll: the interval spread by the jitter, no earlier than Retry-After. */
export function nextPollAt(input: NextPollInput): Date {
  const interval = pollIntervalSeconds(input.policy, input.consecutiveFailures);
  const random = Math.min(1, Math.max(0, finiteOr(input.random, 0.5)));
  const spread = 1 + input.policy.jitter * (2 * random - 1);
  const jittered = interval * spread;
  const retryAfter = Math.min(input.retryAfterSeconds ?? 0, MAX_FEED_BACKOFF_SECONDS);
  const wait = Math.max(jittered, retryAfter);
  return new Date(input.now.getTime() + Math.round(wait * 1000));
}

/**
 * Seconds to wait from a `Retry-After` value: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  // An HTTP date starts with the day's name; `Date.parse` alone would read "-5" as a year.
  const time = /^[A-Za-z]{3}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(time)) return undefined;
  return Math.max(0, Math.ceil((time - now.getTime()) / 1000));
}

/** A feed is due when its next poll time has come. */
export function isDue(nextPollAtIso: string, now: Date): boolean {
  return Date.parse(nextPollAtIso) <= now.getTime();
}
