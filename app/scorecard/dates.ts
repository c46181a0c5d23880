import { addDays, addMonths, format, parseISO } from "date-fns";

/** Today's calendar date, YYYY-MM-DD, in the local time zone (`npm start` runs the server in RCES_TIME_ZONE). */
export function todayIso(now: Date = new Date()): string {
  return format(now, "yyyy-MM-dd");
}

/** A calendar date (YYYY-MM-DD) so many days later (or earlier, for a negative number). */
export function addDaysIso(date: string, days: number): string {
  return format(addDays(parseISO(date), days), "yyyy-MM-dd");
}

/** A calendar date (YYYY-MM-DD) so many months later (or earlier); a day past the month's end falls on its last day. */
export function addMonthsIso(date: string, months: number): string {
  return format(addMonths(parseISO(date), months), "yyyy-MM-dd");
}
