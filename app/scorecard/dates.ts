import { format } from "date-fns";

/** Today's calendar date, YYYY-MM-DD, in the local time zone (`npm start` runs the server in RCES_TIME_ZONE). */
export function todayIso(now: Date = new Date()): string {
  return format(now, "yyyy-MM-dd");
}
