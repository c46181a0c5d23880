import { tickAllGoals } from "./goals.server";
import { todayIso } from "./scorecard/dates";
import { tickAllWorkshops } from "./workshops.server";
import { sendLabelReminders } from "./labels.server";
import { checkInStoredRoundsOfOpenPrograms, reapplyRecentImports } from "./progress.server";

// The periodic job: time-driven changes (a workshop's preparation weeks coming, a goal's due
// date passing, a label nearing its expiry) are a TICK carrying today's date, sent here hourly as
// well as whenever an object is read; label reminders go out from here (each once, and by mail too
// where SMTP is set up). A TICK the machine does not take changes nothing, so running twice is harmless.

export const JOB_INTERVAL_MS = 60 * 60 * 1000;

export async function runPeriodicJob(today: string = todayIso()): Promise<{ workshops: number; goals: number; reminders: number }> {
  await reapplyRecentImports();
  await checkInStoredRoundsOfOpenPrograms(today);
  return { workshops: await tickAllWorkshops(today), goals: await tickAllGoals(today), reminders: await sendLabelReminders(today) };
}

const started = Symbol.for("rces.periodicJob");

/** Starts the job once per process (development reloads modules; the mark on globalThis stays). */
export function startPeriodicJob(): void {
  const global = globalThis as typeof globalThis & { [started]?: true };
  if (global[started] || process.env.RCES_JOBS === "0") return;
  global[started] = true;
  const run = () =>
    runPeriodicJob().catch((error: unknown) => console.error(`rces: the periodic job failed and will run again within the hour: ${(error as Error).message}`));
  setTimeout(run, 5_000).unref();
  setInterval(run, JOB_INTERVAL_MS).unref();
}
