import { describe, expect, it } from "vitest";
import {
  addDays,
  checkDue,
  type DigestSchedule,
  firstInstantAt,
  isValidTimeZone,
  wallClock,
} from "../../src/digest/schedule.ts";

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
const utcNine: DigestSchedule = { time: { hour: 9, minute: 0 }, timeZone: "UTC", days: EVERY_DAY };

function at(iso: string): Date {
  return new Date(iso);
}

describe("checkDue", () => {
  it("is not due before the scheduled time and names that time as the next check", () => {
    const check = checkDue({
      now: at("2026-05-04T08:59:59Z"),
      schedule: utcNine,
      lastPostedDate: "2026-05-03",
    });
    expect(check).toEqual({ due: false, date: "2026-05-04", next: at("2026-05-04T09:00:00Z") });
  });

  it("is due at the scheduled time and then points at tomorrow", () => {
    const check = checkDue({
      now: at("2026-05-04T09:00:00Z"),
      schedule: utcNine,
      lastPostedDate: "2026-05-03",
    });
    expect(check).toEqual({ due: true, date: "2026-05-04", next: at("2026-05-05T09:00:00Z") });
  });

  it("is due after a restart later the same day when nothing was posted yet", () => {
    const check = checkDue({
      now: at("2026-05-04T17:45:00Z"),
      schedule: utcNine,
      lastPostedDate: "2026-05-03",
    });
    expect(check.due).toBe(true);
  });

  it("is not due again once today's digest was posted", () => {
    const check = checkDue({
      now: at("2026-05-04T17:45:00Z"),
      schedule: utcNine,
      lastPostedDate: "2026-05-04",
    });
    expect(check.due).toBe(false);
  });

  it("does not post a missed day the next morning before the scheduled time", () => {
    // Down all of May 4th; starting on the 5th at 08:00 must not produce the 4th's digest.
    const check = checkDue({
      now: at("2026-05-05T08:00:00Z"),
      schedule: utcNine,
      lastPostedDate: "2026-05-03",
    });
    expect(check).toMatchObject({ due: false, date: "2026-05-05" });
  });

  it("skips days that are not scheduled and finds the next scheduled one", () => {
    const weekdays: DigestSchedule = { ...utcNine, days: [1, 2, 3, 4, 5] };
    // 2026-05-09 is a Saturday.
    const check = checkDue({
      now: at("2026-05-09T10:00:00Z"),
      schedule: weekdays,
      lastPostedDate: "2026-05-08",
    });
    expect(check).toEqual({ due: false, date: "2026-05-09", next: at("2026-05-11T09:00:00Z") });
  });

  it("uses the local date of the zone, not UTC's", () => {
    const tokyo: DigestSchedule = { ...utcNine, timeZone: "Asia/Tokyo" };
    // 2026-05-04T23:30Z is 08:30 on May 5th in Tokyo.
    const before = checkDue({
      now: at("2026-05-04T23:30:00Z"),
      schedule: tokyo,
      lastPostedDate: "2026-05-04",
    });
    expect(before).toEqual({ due: false, date: "2026-05-05", next: at("2026-05-05T00:00:00Z") });
    const after = checkDue({
      now: at("2026-05-05T00:00:00Z"),
      schedule: tokyo,
      lastPostedDate: "2026-05-04",
    });
    expect(after.due).toBe(true);
  });
});

describe("daylight-saving transitions", () => {
  const newYork = (hour: number, minute: number): DigestSchedule => ({
    time: { hour, minute },
    timeZone: "America/New_York",
    days: EVERY_DAY,
  });

  it("posts a time inside the spring-forward gap at the first instant after it", () => {
    // 2026-03-08 in New York: 02:00 EST jumps to 03:00 EDT (07:00Z).
    expect(firstInstantAt("2026-03-08", { hour: 2, minute: 30 }, "America/New_York")).toEqual(
      at("2026-03-08T07:00:00Z"),
    );
    const justBefore = checkDue({
      now: at("2026-03-08T06:59:00Z"),
      schedule: newYork(2, 30),
      lastPostedDate: "2026-03-07",
    });
    expect(justBefore).toEqual({
      due: false,
      date: "2026-03-08",
      next: at("2026-03-08T07:00:00Z"),
    });
    const atGapEnd = checkDue({
      now: at("2026-03-08T07:00:00Z"),
      schedule: newYork(2, 30),
      lastPostedDate: "2026-03-07",
    });
    expect(atGapEnd).toEqual({ due: true, date: "2026-03-08", next: at("2026-03-09T06:30:00Z") });
  });

  it("keeps the local hour across spring-forward (09:00 EST then 09:00 EDT)", () => {
    expect(firstInstantAt("2026-03-07", { hour: 9, minute: 0 }, "America/New_York")).toEqual(
      at("2026-03-07T14:00:00Z"),
    );
    expect(firstInstantAt("2026-03-08", { hour: 9, minute: 0 }, "America/New_York")).toEqual(
      at("2026-03-08T13:00:00Z"),
    );
  });

  it("posts once when the scheduled time repeats in the fall-back hour", () => {
    // 2026-11-01 in New York: 01:00–01:59 happens twice (EDT at 05:xxZ, then EST at 06:xxZ).
    const schedule = newYork(1, 30);
    const first = at("2026-11-01T05:30:00Z");
    expect(firstInstantAt("2026-11-01", schedule.time, schedule.timeZone)).toEqual(first);
    expect(checkDue({ now: first, schedule, lastPostedDate: "2026-10-31" }).due).toBe(true);
    // After posting, the second 01:30 (EST) is not due, and the next check is tomorrow, not now.
    for (const iso of ["2026-11-01T06:00:00Z", "2026-11-01T06:30:00Z", "2026-11-01T06:45:00Z"]) {
      const again = checkDue({ now: at(iso), schedule, lastPostedDate: "2026-11-01" });
      expect(again).toEqual({ due: false, date: "2026-11-01", next: at("2026-11-02T06:30:00Z") });
    }
  });

  it("handles Europe/Berlin's gap and repeated hour", () => {
    // 2026-03-29: 02:00 CET → 03:00 CEST (01:00Z). 2026-10-25: 03:00 CEST → 02:00 CET (01:00Z).
    expect(firstInstantAt("2026-03-29", { hour: 2, minute: 15 }, "Europe/Berlin")).toEqual(
      at("2026-03-29T01:00:00Z"),
    );
    expect(firstInstantAt("2026-10-25", { hour: 2, minute: 15 }, "Europe/Berlin")).toEqual(
      at("2026-10-25T00:15:00Z"),
    );
    const schedule: DigestSchedule = {
      time: { hour: 2, minute: 15 },
      timeZone: "Europe/Berlin",
      days: EVERY_DAY,
    };
    const secondPass = checkDue({
      now: at("2026-10-25T01:15:00Z"),
      schedule,
      lastPostedDate: "2026-10-25",
    });
    expect(secondPass.due).toBe(false);
  });

  it("finds the scheduled instant for every day of a year in several zones", () => {
    const cases = [
      { timeZone: "America/New_York", hour: 2, minute: 30 },
      { timeZone: "Europe/Berlin", hour: 2, minute: 30 },
      // A 30-minute DST shift.
      { timeZone: "Australia/Lord_Howe", hour: 2, minute: 15 },
      // Clocks change at midnight: the day starts at 01:00 on the spring-forward day.
      { timeZone: "America/Santiago", hour: 0, minute: 15 },
      { timeZone: "Asia/Tehran", hour: 9, minute: 0 },
      { timeZone: "UTC", hour: 2, minute: 30 },
    ];
    for (const { timeZone, hour, minute } of cases) {
      const target = hour * 60 + minute;
      let date = "2026-01-01";
      for (let i = 0; i < 366; i++) {
        const instant = firstInstantAt(date, { hour, minute }, timeZone);
        const clock = wallClock(instant, timeZone);
        expect(clock.date).toBe(date);
        expect(clock.hour * 60 + clock.minute).toBeGreaterThanOrEqual(target);
        // Nothing earlier that day already showed the scheduled time or later.
        const minuteBefore = wallClock(new Date(instant.getTime() - 60_000), timeZone);
        expect(
          minuteBefore.date !== date || minuteBefore.hour * 60 + minuteBefore.minute < target,
        ).toBe(true);
        date = addDays(date, 1);
      }
    }
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA names and rejects anything else", () => {
    expect(isValidTimeZone("Asia/Karachi")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });

  it("accepts UTC and the spellings a formatter accepts beyond the canonical names", () => {
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Etc/UTC")).toBe(true);
    expect(isValidTimeZone("asia/karachi")).toBe(true);
    expect(isValidTimeZone("")).toBe(false);
  });
});
