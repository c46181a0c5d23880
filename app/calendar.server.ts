import { createHash, randomBytes } from "node:crypto";
import ical, { ICalCalendarMethod } from "ical-generator";
import { audit } from "./audit.server";
import type { Viewer } from "./auth/roles";
import { programFor } from "./program-access.server";
import { db } from "./db.server";
import { workshopsOf } from "./workshops.server";

// A program's calendar feed (iCalendar, through ical-generator) behind a secret URL. Only the
// token's hash is stored; making a new link replaces it, and the old URL stops working.

export const CALENDAR_TIME_ZONE = "Europe/Oslo";
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export async function newCalendarToken(actor: Viewer, programId: string): Promise<string | null> {
  if (!(await programFor(actor, programId))) return null;
  const token = randomBytes(24).toString("base64url");
  await db().$transaction(async (tx) => {
    await tx.program.update({ where: { id: programId }, data: { calendarTokenHash: hashOf(token) } });
    await audit(tx, { actorId: actor.userId, action: "calendar.new-link", subject: `program ${programId}` });
  });
  return token;
}

// All-day events: noon UTC keeps the calendar day the same in every time zone from UTC-11 to UTC+11.
const day = (date: string) => new Date(`${date}T12:00:00Z`);

/** The feed of the program behind this token, or null for an unknown (or replaced) token. */
export async function calendarFeed(token: string, today: string): Promise<string | null> {
  const program = await db().program.findUnique({ where: { calendarTokenHash: hashOf(token) }, select: { id: true, name: true } });
  if (!program) return null;
  const calendar = ical({ name: program.name, timezone: CALENDAR_TIME_ZONE, method: ICalCalendarMethod.PUBLISH });
  for (const workshop of await workshopsOf(program.id, today)) {
    if (workshop.date && workshop.state !== "cancelled") {
      calendar.createEvent({ id: `workshop-${workshop.id}@rces`, start: day(workshop.date), allDay: true, summary: workshop.title, location: workshop.place || undefined, description: workshop.themes });
    }
    for (const task of workshop.tasks) {
      if (task.dueOn && !task.done && !task.waivedBecause) {
        calendar.createEvent({ id: `task-${task.id}@rces`, start: day(task.dueOn), allDay: true, summary: `Due: ${task.title} (${workshop.title})` });
      }
    }
  }
  return calendar.toString();
}
