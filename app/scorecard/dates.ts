import { format } from "date-fns";

/** Today's calendar date, YYYY-MM-DD, in the server's local time zone. */
export function todayIso(now: Date = new Date()): string {
  return format(now, "yyyy-MM-dd");
}
