import { Link } from "react-router";
import { listCatalogues } from "~/catalogues.server";
import { listLabelRules } from "~/labels.server";
import type { Route } from "./+types/methodology";
import { requireViewer } from "~/auth/session.server";

export const meta: Route.MetaFunction = () => [{ title: "Methodology · RCES" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  requireViewer(context, request);
  return {
    catalogues: (await listCatalogues()).map((c) => ({ id: c.id, title: c.title, storedAt: c.storedAt.toISOString().slice(0, 10) })),
    labelRules: await listLabelRules(),
  };
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
      <h2>Quality label rules</h2>
      {loaderData.labelRules.map((r) => (
        <section key={r.id} aria-labelledby={`rules-${r.id}`}>
          <h3 id={`rules-${r.id}`}>{r.title} <span className="muted">({r.id})</span></h3>
          <p>{r.description}</p>
          <dl className="facts-box">
            <dt>Valid for</dt><dd>{r.validityMonths} months, to the end of the interview's month</dd>
            <dt>Renewable after expiry for</dt><dd>{r.graceMonths} months (from the old expiry date)</dd>
            <dt>"Expiring soon" from</dt><dd>{r.expiringSoonDays} days before</dd>
            <dt>Reminders</dt><dd>{r.reminderDays.map((d) => (d === 0 ? "at expiry" : `${d} days before`)).join(", ")}</dd>
            <dt>Silver window</dt><dd>a second benchmarking {r.silverWindowMonths.from} to {r.silverWindowMonths.to} months after the Bronze one, and {r.silverImprovementAreas} declared improvement areas</dd>
            <dt>Gold</dt><dd>an assessed score of at least {r.goldMinScorePct} %</dd>
          </dl>
        </section>
      ))}
    </>
  );
}
