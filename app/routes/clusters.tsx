import { Form, Link } from "react-router";
import { z } from "zod";
import { plural } from "~/components/words";
import { portfolioLabel } from "~/components/scorecard-query";
import { CLUSTERS_PER_PAGE, listClusters } from "~/benchmarks.server";
import type { Route } from "./+types/clusters";
import { TableScroll } from "~/components/table-scroll";
import { requireViewer } from "~/auth/session.server";

export const meta: Route.MetaFunction = () => [{ title: "Cluster organisations · RCES" }];

const searchSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const params = new URL(request.url).searchParams;
  const { q, page } = searchSchema.parse({ q: params.get("q") ?? "", page: params.get("page") ?? 1 });
  const { clusters, total } = await listClusters(viewer, q, page);
  return { clusters, total, q, page, pages: Math.max(1, Math.ceil(total / CLUSTERS_PER_PAGE)) };
}

export default function ClustersPage({ loaderData }: Route.ComponentProps) {
  const { clusters, total, q, page, pages } = loaderData;
  const link = (to: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(to) })}`;
  return (
    <>
      <h1>Cluster organisations</h1>
      <p className="lead">The cluster organisations whose individual results your role may see.</p>
      <Form method="get" className="inline-form" role="search">
        <label>
          Name or id contains <input type="search" name="q" defaultValue={q} />
        </label>{" "}
        <button type="submit">Search</button>
      </Form>
      {total === 0 ? (
        q ? <p>No cluster organisation matches “{q}”.</p> : <p>No cluster organisation whose individual data your role may see.</p>
      ) : (
        <TableScroll label="Cluster organisations">
          <table>
            <caption>
              {plural(total, "cluster organisation")}{q ? ` matching “${q}”` : ""}
              {pages > 1 ? `, page ${page} of ${pages}` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Cluster</th>
                <th scope="col">Portfolios</th>
                <th scope="col">Latest benchmarking</th>
                <th scope="col">Benchmarkings</th>
              </tr>
            </thead>
            <tbody>
              {clusters.map((c) => (
                <tr key={c.id}>
                  <th scope="row"><Link to={`/clusters/${encodeURIComponent(c.id)}`}>{c.name}</Link> <span className="muted">{c.id}</span></th>
                  <td>{c.portfolios.map(portfolioLabel).join(", ")}</td>
                  <td>{c.latest}</td>
                  <td>{c.assessments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="pager">
          {page > 1 && <Link to={link(page - 1)} rel="prev">← Previous</Link>}
          <span>Page {page} of {pages}</span>
          {page < pages && <Link to={link(page + 1)} rel="next">Next →</Link>}
        </nav>
      )}
    </>
  );
}
