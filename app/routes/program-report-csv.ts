import { data } from "react-router";
import { requireViewer } from "~/auth/session.server";
import { goalsCsv, programReport } from "~/report.server";
import { todayIso } from "~/scorecard/dates";
import type { Route } from "./+types/program-report-csv";

/** The program's goals as CSV, one row per goal, as the viewer may see them. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const report = await programReport(viewer, params.programId, todayIso());
  if (!report) throw data("No such program.", { status: 404 });
  const csv = goalsCsv(report.access.program.name, report.goals, { metric: report.metricLabels, cluster: Object.fromEntries(report.access.clusters.map((c) => [c.id, c.name])) });
  const file = `${report.access.program.name.replace(/[^\w.-]+/g, "-")}-goals.csv`;
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "private, no-store" } });
}
