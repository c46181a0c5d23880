import { Link } from "react-router";
import { listCatalogues } from "~/catalogues.server";
import type { Route } from "./+types/methodology";
import { requireViewer } from "~/auth/session.server";

export const meta: Route.MetaFunction = () => [{ title: "Methodology · RCES" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  requireViewer(context, request);
  return { catalogues: (await listCatalogues()).map((c) => ({ id: c.id, title: c.title, storedAt: c.storedAt.toISOString().slice(0, 10) })) };
}

export default function MethodologyPage({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <h1>Methodology</h1>
      <p className="lead">
        Each catalogue lists the quality indicators, the dimension each belongs to and the rule that gives its traffic light. A stored
        catalogue never changes; a revision is stored under a new id, so every scorecard can be recomputed exactly.
      </p>
      <ul>
        {loaderData.catalogues.map((c) => (
          <li key={c.id}><Link to={`/methodology/${encodeURIComponent(c.id)}`}>{c.title}</Link> <span className="muted">({c.id}, stored {c.storedAt})</span></li>
        ))}
      </ul>
    </>
  );
}
