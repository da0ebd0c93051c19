/** A day in milliseconds (retention periods, calendar steps in UTC). */
export const DAY_MS = 86_400_000;
