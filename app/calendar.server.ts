import { createHash, randomBytes } from "node:crypto";
import ical, { ICalCalendarMethod, ICalEventRepeatingFreq, type ICalCalendar } from "ical-generator";
import { audit } from "./audit.server";
import { isAdmin, managedClusters, type Grant, type Role, type Viewer } from "./auth/roles";
import { currentLabels, labelsOfClusters } from "./labels.server";
import { programClusters, programFor, programSeenBy, programsSeenBy, type ProgramAccess } from "./program-access.server";
import { db } from "./db.server";
import { addDaysIso } from "./scorecard/dates";
import { tzlib_get_ical_block } from "timezones-ical-library";
import { levelWord } from "./labels/words";
import { getSettings } from "./settings.server";
import { workshopsOf } from "./workshops.server";

// Calendar feeds in the region's time zone (RCES_TIME_ZONE; iCalendar, through ical-generator) behind secret URLs: one per program (of all its
// workshops and open tasks, for those who run it) and one per person (the workshops of every program
// they take part in, and the open tasks that are theirs). Only a token's hash is stored; making a
// new link replaces it, and the old URL stops working.


const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(24).toString("base64url");

export async function newCalendarToken(actor: Viewer, programId: string): Promise<string | null> {
  if (!(await programFor(actor, programId))) return null;
  const token = newToken();
  await db().$transaction(async (tx) => {
    await tx.program.update({ where: { id: programId }, data: { calendarTokenHash: hashOf(token) } });
    await audit(tx, { actorId: actor.userId, action: "calendar.new-link", subject: `program ${programId}` });
  });
  return token;
}

export async function newPersonalCalendarToken(actor: Viewer): Promise<string> {
  const token = newToken();
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { calendarTokenHash: hashOf(token) } });
    await audit(tx, { actorId: actor.userId, action: "calendar.new-personal-link", subject: `user ${actor.email}` });
  });
  return token;
}

// All-day events: noon UTC keeps the calendar day the same in every time zone from UTC-11 to UTC+11.
const day = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * The calendar of a region. No calendar-wide zone (ical-generator would print DTSTAMP in local
 * time, not UTC as RFC 5545 asks): events with hours name theirs, and the generator adds its
 * VTIMEZONE, as the RFC asks of every TZID used; X-WR-TIMEZONE names it for clients that show it.
 */
function regionCalendar(name: string): ICalCalendar {
  return ical({ name, method: ICalCalendarMethod.PUBLISH, timezone: { name: null, generator: vtimezone }, x: [{ key: "X-WR-TIMEZONE", value: getSettings().timeZone }] });
}

/**
 * The VTIMEZONE of an IANA zone (timezones-ical-library). The library answers for a zone's
 * canonical twin (Europe/Berlin for Europe/Oslo: the same rules), so the block is named as asked.
 */
function vtimezone(zone: string): string | null {
  const [block] = tzlib_get_ical_block(zone);
  if (!block || !block.startsWith("BEGIN:VTIMEZONE")) return null;
  return block.replace(/^TZID:.*$/m, `TZID:${zone}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`);
}

/**
 * A workshop's time: its hours in the region's zone, repeated on each of its days (not one block
 * through the nights), or whole days (the end day exclusive).
 */
function workshopTime(w: { date: string; startTime: string | null; endTime: string | null; days: number }) {
  if (w.startTime && w.endTime) {
    const repeating = w.days > 1 ? { repeating: { freq: ICalEventRepeatingFreq.DAILY, count: w.days } } : {};
    return { start: `${w.date}T${w.startTime}:00`, end: `${w.date}T${w.endTime}:00`, timezone: getSettings().timeZone, ...repeating };
  }
  return { start: day(w.date), end: day(addDaysIso(w.date, w.days)), allDay: true };
}

/** `prefix`: the program's name, in a person's feed where workshops of several programs meet. */
async function addProgram(calendar: ICalCalendar, access: Pick<ProgramAccess, "program" | "part">, userId: string, today: string, onlyMine: boolean, prefix = "") {
  for (const workshop of await workshopsOf(access, userId, today)) {
    if (workshop.date && workshop.state !== "cancelled") {
      calendar.createEvent({
        id: `workshop-${workshop.id}@rces`,
        ...workshopTime({ ...workshop, date: workshop.date }),
        summary: `${prefix}${workshop.title}`,
        location: workshop.place || undefined,
        description: [workshop.themes, workshop.agenda && `Agenda: ${workshop.agenda}`, workshop.speakers && `Speakers: ${workshop.speakers}`].filter(Boolean).join("\n"),
      });
    }
    // A closed or cancelled workshop's tasks are its record, no longer due.
    if (workshop.state === "closed" || workshop.state === "cancelled") continue;
    for (const task of workshop.tasks) {
      if (task.dueOn && !task.done && !task.waivedBecause && (!onlyMine || task.mine)) {
        calendar.createEvent({ id: `task-${task.id}@rces`, start: day(task.dueOn), allDay: true, summary: `${prefix}Due: ${task.title} (${workshop.title})` });
      }
    }
  }
}

/** Label expiry dates of these clusters (labels are public), for the living labels as of today. */
async function addLabelExpiries(calendar: ICalCalendar, clusterIds: ReadonlyArray<string>, today: string) {
  for (const label of currentLabels(await labelsOfClusters(clusterIds, today))) {
    if (label.status === "lapsed") continue;
    calendar.createEvent({ id: `label-${label.id}-${label.validUntil}@rces`, start: day(label.validUntil), allDay: true, summary: `Label expires: ${label.clusterName} (${levelWord(label.level)})` });
  }
}

/** The feed behind this token (a program's or a person's), or null for an unknown or replaced token. */
export async function calendarFeed(token: string, today: string): Promise<string | null> {
  const hash = hashOf(token);
  const program = await db().program.findUnique({ where: { calendarTokenHash: hash } });
  if (program) {
    const calendar = regionCalendar(program.name);
    await addProgram(calendar, { program, part: { runs: true, clusters: [], follows: false, seesRegion: true } }, "", today, false);
    await addLabelExpiries(calendar, (await programClusters(program)).map((c) => c.id), today);
    return calendar.toString();
  }
  const user = await db().user.findUnique({ where: { calendarTokenHash: hash }, select: { id: true, name: true, email: true, grants: { select: { role: true, portfolio: true, clusterId: true } } } });
  if (!user) return null;
  // The person's rights as they are now: a role taken away takes its programs out of the feed.
  const viewer: Viewer = { userId: user.id, name: user.name, email: user.email, grants: user.grants.map((g) => ({ ...g, role: g.role as Role }) satisfies Grant) };
  const calendar = regionCalendar(`RCES: ${user.name}`);
  const programs = await db().program.findMany({ where: await programsSeenBy(viewer), select: { id: true }, orderBy: { startsOn: "asc" } });
  for (const { id } of programs) {
    const access = await programSeenBy(viewer, id);
    if (access) await addProgram(calendar, access, user.id, today, !access.part.runs, `${access.program.name}: `);
  }
  // The labels of the clusters the person follows: their portfolios' (coordinators, policy makers) and their own.
  const portfolios = viewer.grants.filter((g) => g.role === "coordinator" || g.role === "policyMaker").map((g) => g.portfolio!);
  const clusters = await db().cluster.findMany({
    where: isAdmin(viewer) ? {} : { OR: [{ id: { in: managedClusters(viewer) } }, { portfolios: { some: { portfolio: { in: portfolios } } } }] },
    select: { id: true },
  });
  await addLabelExpiries(calendar, clusters.map((c) => c.id), today);
  return calendar.toString();
}
