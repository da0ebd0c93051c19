/** A day in milliseconds (retention periods, calendar steps in UTC). */
export const DAY_MS = 86_400_000;
/** A week in milliseconds: the Home tab's "this week" and `/iranpak sources`' recent hand adds. */
export const WEEK_MS = 7 * DAY_MS;
