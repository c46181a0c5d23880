import { calendarFeed } from "~/calendar.server";
import { todayIso } from "~/scorecard/dates";
import type { Route } from "./+types/calendar";

/** The iCalendar feed: the secret token in the URL is the only key (calendar apps cannot sign in). */
export async function loader({ params }: Route.LoaderArgs) {
  const token = params.token.replace(/\.ics$/, "");
  const feed = /^[\w-]{20,64}$/.test(token) ? await calendarFeed(token, todayIso()) : null;
  if (!feed) return new Response("This calendar link is not valid, or a newer one replaced it.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(feed, { headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store" } });
}
