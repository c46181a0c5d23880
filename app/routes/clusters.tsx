import { Link } from "react-router";
import { portfolioLabel } from "~/components/scorecard-query";
import { listClusters } from "~/benchmarks.server";
import type { Route } from "./+types/clusters";

export const meta: Route.MetaFunction = () => [{ title: "Cluster organisations · RCES" }];

export async function loader() {
  return { clusters: await listClusters() };
}

export default function ClustersPage({ loaderData }: Route.ComponentProps) {
  const { clusters } = loaderData;
  return (
    <>
      <h1>Cluster organisations</h1>
      {clusters.length === 0 ? (
        <p>No benchmarking data yet: <Link to="/import">import a file</Link>.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{clusters.length} cluster organisations with stored benchmarking</caption>
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
        </div>
      )}
    </>
  );
}
