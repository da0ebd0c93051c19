import type { DigestSchedule } from "./schedule.ts";

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "09:00 UTC, every day", "08:30 Asia/Karachi, Monday to Friday", "…, Monday, Wednesday". */
export function describeSchedule(schedule: DigestSchedule): string {
  const { hour, minute } = schedule.time;
  const time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  const days = schedule.days.join(",");
  const when =
    days === "0,1,2,3,4,5,6"
      ? "every day"
      : days === "1,2,3,4,5"
        ? "Monday to Friday"
        : schedule.days.map((d) => DAY_NAMES[d]).join(", ");
  return `${time} ${schedule.timeZone}, ${when}`;
}
