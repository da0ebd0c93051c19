import { DAY_MS } from "../util/time.ts";

/** A wall-clock time of day, 24-hour. */
export interface DigestTime {
  hour: number;
  minute: number;
}

/** When digests go out: a local time on some weekdays, in an IANA time zone. */
export interface DigestSchedule {
  time: DigestTime;
  timeZone: string;
  /** Weekdays to post on, 0 = Sunday … 6 = Saturday. */
  days: readonly number[];
}

/** What a wall clock in a time zone shows at one instant. */
export interface WallClock {
  /** Local calendar date, `YYYY-MM-DD`: the key that makes digests once a day. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
  minute: number;
}

export interface DueCheck {
  /** True when a post for `date` should go out now (unless one already has). */
  due: boolean;
  /** Today's local date in the schedule's zone. */
  date: string;
  /** The next scheduled instant after `now`: when a scheduler should check again. */
  next: Date | undefined;
}

const MINUTE_MS = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

// Intl is the only source of zone rules here: hand-written offsets break at the next DST change.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function zonedParts(instant: number, timeZone: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The runtime's canonical zone names, read at the first check. */
let canonicalZones: Set<string> | undefined;

/**
 * True when `timeZone` is an IANA zone this runtime knows. A canonical name (or UTC, which the
 * list leaves out) is found in the runtime's list, a 2 ms read, where the first formatter made
 * loads ICU's date data (20 to 40 ms of the start that checks the configuration, whose digest
 * may never run); other spellings (aliases, other cases) are tried on a formatter as before.
 */
export function isValidTimeZone(timeZone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf("timeZone"));
  if (timeZone === "UTC" || canonicalZones.has(timeZone)) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** What the wall clock shows in `timeZone` at `instant`. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const p = zonedParts(instant.getTime(), timeZone);
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  return { date, weekday: weekdayOf(date), hour: p.hour, minute: p.minute };
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` date: the digest's day number. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** The `YYYY-MM-DD` date `days` calendar days after `date`. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Offset of the zone's wall clock from UTC at `instant`, in ms (east positive). */
function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function wallKey(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
}

/**
 * The first instant at which the wall clock in `timeZone` shows `time` or later on `date`.
 * When `time` falls in a spring-forward gap, that is the end of the gap (02:30 → 03:00); when
 * it occurs twice in a fall-back, the first occurrence.
 */
export function firstInstantAt(date: string, time: DigestTime, timeZone: string): Date {
  const target = dayNumber(date) * DAY_MS + (time.hour * 60 + time.minute) * MINUTE_MS;
  // Within ±36 h there are at most two offsets (one transition); try each as the answer.
  const offsets = new Set([-36, 0, 36].map((h) => offsetAt(target + h * 3_600_000, timeZone)));
  const candidates = [...offsets].map((o) => target - o).sort((a, b) => a - b);
  const exact = candidates.find((t) => wallKey(t, timeZone) === target);
  if (exact !== undefined) return new Date(exact);
  // A gap: the wall clock jumps over `target` between the candidates, moving forward only.
  let lo = candidates[0] ?? target;
  let hi = candidates[candidates.length - 1] ?? target;
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wallKey(mid, timeZone) >= target) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** The first scheduled instant on a scheduled day from `date` onwards (at most a week on). */
function nextScheduled(date: string, schedule: DigestSchedule): Date | undefined {
  for (let i = 0; i < 7; i++) {
    const day = addDays(date, i);
    if (schedule.days.includes(weekdayOf(day))) {
      return firstInstantAt(day, schedule.time, schedule.timeZone);
    }
  }
  return undefined;
}

/**
 * Whether a digest is due at `now`. The rule that makes it once a day: due when today (local)
 * is a scheduled day, the local time has reached the scheduled time, and the last post was not
 * on today's local date. A bot that starts late the same day posts then; a day missed entirely
 * is skipped, since tomorrow's check is about tomorrow.
 */
export function checkDue(input: {
  now: Date;
  schedule: DigestSchedule;
  lastPostedDate: string | undefined;
}): DueCheck {
  const { now, schedule } = input;
  const clock = wallClock(now, schedule.timeZone);
  const scheduledToday = schedule.days.includes(clock.weekday);
  const reached = clock.hour * 60 + clock.minute >= schedule.time.hour * 60 + schedule.time.minute;
  const due = scheduledToday && reached && input.lastPostedDate !== clock.date;
  // In a fall-back hour the clock can read earlier than a scheduled time already passed today.
  const later = scheduledToday
    ? firstInstantAt(clock.date, schedule.time, schedule.timeZone)
    : undefined;
  const next =
    later !== undefined && later.getTime() > now.getTime()
      ? later
      : nextScheduled(addDays(clock.date, 1), schedule);
  return { due, date: clock.date, next };
}
