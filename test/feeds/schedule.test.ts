import { describe, expect, it } from "vitest";
import {
  DEFAULT_FEED_POLL_SECONDS,
  DEFAULT_POLL_POLICY,
  isDue,
  MAX_FEED_BACKOFF_SECONDS,
  nextPollAt,
  type PollPolicy,
  parseRetryAfter,
  pollIntervalSeconds,
  resolvePollPolicy,
} from "../../src/feeds/schedule.ts";

const NOW = new Date("2026-12-07T00:00:00Z");
const noJitter: PollPolicy = { pollSeconds: 1800, jitter: 0 };

function secondsAfterNow(date: Date): number {
  return (date.getTime() - NOW.getTime()) / 1000;
}

describe("pollIntervalSeconds", () => {
  it("is FEED_POLL_SECONDS while the feed answers, 1800 by default", () => {
    expect(pollIntervalSeconds(DEFAULT_POLL_POLICY, 0)).toBe(1800);
  });

  it("doubles with each failure in a row, up to a day", () => {
    const intervals = [0, 1, 2, 3, 4, 5, 6, 40].map((n) => pollIntervalSeconds(noJitter, n));
    expect(intervals).toEqual([1800, 3600, 7200, 14_400, 28_800, 57_600, 86_400, 86_400]);
  });

  it("never polls more often than every 5 seconds", () => {
    expect(pollIntervalSeconds({ pollSeconds: 1, jitter: 0 }, 0)).toBe(5);
  });
});

describe("resolvePollPolicy", () => {
  it("takes the default for a value that is not a number, and bounds the jitter", () => {
    expect(resolvePollPolicy({ pollSeconds: Number.NaN, jitter: 7 })).toEqual({
      pollSeconds: DEFAULT_FEED_POLL_SECONDS,
      jitter: 0.5,
    });
  });
});

describe("nextPollAt", () => {
  it("spreads the interval by the jitter, deterministically from the random number", () => {
    const policy = { pollSeconds: 1000, jitter: 0.1 };
    const at = (random: number) =>
      secondsAfterNow(nextPollAt({ now: NOW, policy, consecutiveFailures: 0, random }));
    expect([at(0), at(0.5), at(0.999)]).toEqual([900, 1000, 1099.8]);
    expect(at(0.25)).toBe(at(0.25));
  });

  it("reads a random number out of range as the nearest end", () => {
    const policy = { pollSeconds: 1000, jitter: 0.1 };
    const at = (random: number) =>
      secondsAfterNow(nextPollAt({ now: NOW, policy, consecutiveFailures: 0, random }));
    expect([at(-3), at(Number.NaN), at(7)]).toEqual([900, 1000, 1100]);
  });

  it("waits at least the server's Retry-After", () => {
    const next = nextPollAt({
      now: NOW,
      policy: { pollSeconds: 5, jitter: 0 },
      consecutiveFailures: 1,
      random: 0.5,
      retryAfterSeconds: 120,
    });
    expect(secondsAfterNow(next)).toBe(120);
  });

  it("waits no more than a day whatever Retry-After asks", () => {
    const next = nextPollAt({
      now: NOW,
      policy: noJitter,
      consecutiveFailures: 1,
      random: 0.5,
      retryAfterSeconds: 10 * MAX_FEED_BACKOFF_SECONDS,
    });
    expect(secondsAfterNow(next)).toBe(MAX_FEED_BACKOFF_SECONDS);
  });
});

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("120", NOW)).toBe(120);
  });

  it("reads an HTTP date as the seconds until then", () => {
    expect(parseRetryAfter("Mon, 07 Dec 2026 00:02:00 GMT", NOW)).toBe(120);
  });

  it("reads a date already past as no wait, and nonsense or nothing as no value", () => {
    expect(parseRetryAfter("Sun, 06 Dec 2026 00:00:00 GMT", NOW)).toBe(0);
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter("-5", NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe("isDue", () => {
  it("is due from the next poll time on", () => {
    expect(isDue("2026-12-07T00:00:00.000Z", NOW)).toBe(true);
    expect(isDue("2026-12-07T00:00:01.000Z", NOW)).toBe(false);
  });
});
