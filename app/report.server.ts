import Papa from "papaparse";
import { audit } from "./audit.server";
import type { Viewer } from "./auth/roles";
import { getCatalogue } from "./catalogues.server";
import { db } from "./db.server";
import { cycleClosed, goalsOf, type GoalRow } from "./goals.server";
import { labelsOfClusters, currentLabels } from "./labels.server";
import { programSeenBy, type ProgramAccess } from "./program-access.server";
import { metricOptions } from "./program/metrics";
import { programDay, progressFor } from "./progress.server";

// The progress report for a program's review forum: the baseline and current scorecards with the
// change, every goal's outcome, the labels, and the coordinator's observations per dimension; the
// goals also as CSV for spreadsheets. Each viewer gets what the program page would show them.

export async function programReport(viewer: Viewer, programId: string, today: string) {
  const access = await programSeenBy(viewer, programId);
  if (!access) return null;
  const catalogue = (await getCatalogue(access.program.catalogueId))!;
  const observations = await db().programObservation.findMany({ where: { programId }, select: { dimension: true, text: true } });
  const day = await programDay(access.program, today);
  return {
    access,
    catalogue,
    day,
    /** Observations are written by those who run the program, until its cycle closes. */
    mayObserve: access.part.runs && !(await cycleClosed(access.program)),
    goals: await goalsOf(access, day),
    progress: await progressFor(access, today),
    labels: currentLabels(await labelsOfClusters(access.clusters.map((c) => c.id), day)),
    observations: Object.fromEntries(observations.map((o) => [o.dimension, o.text])),
    metricLabels: {
      region: Object.fromEntries(metricOptions(catalogue, "region").map((m) => [m.value, m.label])),
      cluster: Object.fromEntries(metricOptions(catalogue, "cluster").map((m) => [m.value, m.label])),
    },
  };
}

/** The coordinator's observation on one dimension (or "overall"); empty text removes it. */
export async function saveObservation(actor: Viewer, access: ProgramAccess, dimension: string, text: string): Promise<{ ok: true } | { ok: false; status: 403 | 409 | 422; error: string }> {
  if (!access.part.runs) return { ok: false, status: 403, error: "Only the program's coordinators write its observations." };
  if (await cycleClosed(access.program)) return { ok: false, status: 409, error: "This cycle is closed: its report stays as it was on its closing day." };
  const catalogue = (await getCatalogue(access.program.catalogueId))!;
  if (dimension !== "overall" && !catalogue.dimensions.some((d) => d.code === dimension)) return { ok: false, status: 422, error: `No dimension ${dimension} in ${catalogue.id}.` };
  const key = { programId_dimension: { programId: access.program.id, dimension } };
  await db().$transaction(async (tx) => {
    const before = await tx.programObservation.findUnique({ where: key, select: { text: true } });
    if (text) await tx.programObservation.upsert({ where: key, create: { programId: access.program.id, dimension, text, updatedById: actor.userId }, update: { text, updatedById: actor.userId } });
    else if (before) await tx.programObservation.delete({ where: key });
    await audit(tx, { actorId: actor.userId, action: "program.observation", subject: `program ${access.program.id}`, before: before?.text, after: { dimension, text } });
  });
  return { ok: true };
}

/** One row per goal, for people who work in spreadsheets. */
export function goalsCsv(programName: string, goals: ReadonlyArray<GoalRow>, labels: { metric: { region: Record<string, string>; cluster: Record<string, string> }; cluster: Record<string, string> }): string {
  const rows = goals.map((g) => ({
    program: programName,
    scope: g.scope,
    cluster: g.clusterId ? labels.cluster[g.clusterId] ?? g.clusterId : "",
    improvement_area: g.area,
    metric: labels.metric[g.scope === "region" ? "region" : "cluster"][g.metric] ?? g.metric,
    baseline: g.baseline.value,
    baseline_date: g.baseline.date,
    target: g.target.value,
    due_date: g.target.date,
    state: g.state,
    health: g.health ?? "",
    latest_value: g.latest?.value ?? "",
    latest_date: g.latest?.date ?? "",
    latest_source: g.latest?.source ?? "",
    check_ins: g.checkIns.length,
  }));
  // The header even without goals; a leading BOM, so that spreadsheet programs read the UTF-8 (Tromsø) right.
  const fields = ["program", "scope", "cluster", "improvement_area", "metric", "baseline", "baseline_date", "target", "due_date", "state", "health", "latest_value", "latest_date", "latest_source", "check_ins"] as const;
  return "\uFEFF" + Papa.unparse({ fields: [...fields], data: rows.map((row) => fields.map((f) => row[f])) }, { newline: "\r\n", escapeFormulae: true });
}
