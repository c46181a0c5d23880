import { data, Form } from "react-router";
import { z } from "zod";
import { coordinatedPortfolios, isAdmin } from "~/auth/roles";
import { requireViewer } from "~/auth/session.server";
import { TableScroll } from "~/components/table-scroll";
import { db } from "~/db.server";
import { isIsoDate } from "~/scorecard/benchmarks-csv";
import type { Route } from "./+types/audit";

export const meta: Route.MetaFunction = () => [{ title: "Audit trail · RCES" }];

const PAGE = 100;
const date = z.string().refine(isIsoDate).optional().catch(undefined);
const filterSchema = z.object({ action: z.string().trim().max(60).catch(""), from: date, to: date });

/** What a coordinator's portfolios are called in the trail: the portfolios and their clusters. */
async function subjectsOf(portfolios: Array<string>): Promise<Array<string>> {
  const clusters = await db().clusterPortfolio.findMany({ where: { portfolio: { in: portfolios } }, select: { clusterId: true }, distinct: ["clusterId"] });
  return [...portfolios.map((p) => `portfolio ${p}`), ...clusters.map((c) => `cluster ${c.clusterId}`)];
}

/** The audit trail, newest first, read-only: admins see every change; coordinators their own and those about their portfolios and clusters. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const admin = isAdmin(viewer);
  if (!admin && coordinatedPortfolios(viewer).length === 0) throw data("The audit trail is for administrators and forum coordinators.", { status: 403 });
  const params = new URL(request.url).searchParams;
  const filter = filterSchema.parse({ action: params.get("action") ?? "", from: params.get("from") || undefined, to: params.get("to") || undefined });
  const events = await db().auditEvent.findMany({
    where: {
      ...(admin ? {} : { OR: [{ actorId: viewer.userId }, { subject: { in: await subjectsOf(coordinatedPortfolios(viewer)) } }] }),
      ...(filter.action ? { action: { startsWith: filter.action } } : {}),
      at: { ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}), ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}) },
    },
    orderBy: { id: "desc" },
    take: PAGE,
    select: { id: true, at: true, actorId: true, action: true, subject: true, before: true, after: true },
  });
  const actors = await db().user.findMany({ where: { id: { in: [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))] } }, select: { id: true, name: true } });
  const nameOf = new Map(actors.map((a) => [a.id, a.name]));
  return {
    admin,
    filter,
    events: events.map((e) => ({ ...e, at: e.at.toISOString().slice(0, 19).replace("T", " "), actor: e.actorId ? nameOf.get(e.actorId) ?? e.actorId : "system" })),
  };
}

export default function AuditPage({ loaderData }: Route.ComponentProps) {
  const { admin, filter, events } = loaderData;
  return (
    <>
      <h1>Audit trail</h1>
      <p className="lead">{admin ? "Every change" : "Your changes, and changes to your portfolios and their clusters"}: who, when, what, before and after. The trail cannot be edited.</p>
      <Form method="get" className="query-form" aria-label="Filter">
        <div className="fields">
          <label>Action starts with <input name="action" defaultValue={filter.action} placeholder="benchmarks, consent, role" /></label>
          <label>From <input type="date" name="from" defaultValue={filter.from ?? ""} /></label>
          <label>To <input type="date" name="to" defaultValue={filter.to ?? ""} /></label>
        </div>
        <button type="submit">Filter</button>
      </Form>
      <TableScroll label="Audit events">
        <table>
          <caption>{events.length === PAGE ? `The newest ${PAGE} events` : `${events.length} events`}</caption>
          <thead>
            <tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Subject</th><th scope="col">Before</th><th scope="col">After</th></tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>{e.at}</td><td>{e.actor}</td><td>{e.action}</td><td>{e.subject}</td>
                <td><code>{e.before ?? ""}</code></td><td><code>{e.after ?? ""}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
