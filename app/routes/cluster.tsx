import { data, Form, Link } from "react-router";
import { levelWord } from "~/labels/words";
import { z } from "zod";
import { LightBadge, ScoreValue } from "~/components/band";
import { portfolioLabel } from "~/components/scorecard-query";
import { catalogueOfImport, clusterAssessments, visibleCluster } from "~/benchmarks.server";
import { consentOf, setConsent } from "~/people.server";
import { labelsOfCluster } from "~/labels.server";
import { LABEL_STATUS_WORDS } from "~/labels/words";
import { todayIso } from "~/scorecard/dates";
import { getCatalogue } from "~/catalogues.server";
import { describeRule } from "~/scorecard/catalogue";
import { portfolioScorecard } from "~/scorecard/compute";
import { explainAssessment, staffingNeed } from "~/scorecard/lights";
import { isIsoDate } from "~/scorecard/benchmarks-csv";
import type { Route } from "./+types/cluster";
import { TableScroll } from "~/components/table-scroll";
import { requireViewer } from "~/auth/session.server";
import { describeIssues, readForm } from "~/forms.server";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.cluster.name ?? "Cluster"} · RCES` }];

const searchSchema = z.object({ on: z.string().refine(isIsoDate, "must be a date YYYY-MM-DD").optional() });

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  // Not allowed and not there look the same: a 404 that reveals nothing.
  if (!(await visibleCluster(viewer, params.clusterId))) throw data("No such cluster organisation.", { status: 404 });
  const search = searchSchema.safeParse({ on: new URL(request.url).searchParams.get("on") || undefined });
  if (!search.success) throw data("Bad query: on must be a date YYYY-MM-DD", { status: 400 });
  const assessments = await clusterAssessments(params.clusterId);
  if (assessments.length === 0) throw data("No such cluster organisation.", { status: 404 });
  const selected = search.data.on ? assessments.find((a) => a.assessedOn === search.data.on) : assessments[assessments.length - 1];
  if (!selected) throw data(`This cluster has no benchmarking dated ${search.data.on}.`, { status: 404 });
  // Each assessment is read under the catalogue it was validated against at import.
  const catalogueFor = async (importId: number) => {
    const id = await catalogueOfImport(importId);
    const catalogue = id ? await getCatalogue(id) : null;
    if (!catalogue) throw new Error(`catalogue of import ${importId} is not stored`);
    return catalogue;
  };
  const history = await Promise.all(
    assessments.map(async (a) => {
      const catalogue = await catalogueFor(a.importId);
      const card = portfolioScorecard(catalogue, a.cluster, [a]);
      return {
        assessedOn: a.assessedOn,
        catalogue: catalogue.id,
        portfolios: a.portfolios,
        members: a.members,
        fte: a.fte,
        publicFundingPct: a.publicFundingPct,
        overall: card.overall,
        dimensions: card.dimensions.map((d, i) => ({ ...d, title: catalogue.dimensions[i]!.title })),
      };
    }),
  );
  const catalogue = await catalogueFor(selected.importId);
  const lights = explainAssessment(catalogue, selected);
  const need = staffingNeed(catalogue, selected.members);
  return {
    consent: await consentOf(viewer, selected.cluster),
    labels: await labelsOfCluster(selected.cluster, todayIso()),
    cluster: { id: selected.cluster, name: selected.name },
    selected: {
      assessedOn: selected.assessedOn,
      catalogue: catalogue.id,
      members: selected.members,
      potentialMembers: selected.potentialMembers,
      fte: selected.fte,
      publicFundingPct: selected.publicFundingPct,
      smePct: selected.smePct,
      portfolios: selected.portfolios,
    },
    staffing: need ? { neededFte: need.shown, perFifty: need.perFifty } : null,
    dimensions: catalogue.dimensions.map((d) => ({
      code: d.code,
      title: d.title,
      indicators: d.indicators.map((indicator) => {
        const light = lights.find((l) => l.code === indicator.code)!;
        return { ...light, title: indicator.title, rule: describeRule(indicator) };
      }),
    })),
    history,
  };
}

const consentSchema = z.object({
  intent: z.enum(["give", "withdraw"]),
  signedOn: z.union([z.literal("").transform(() => undefined), z.string().refine(isIsoDate, "must be a date (YYYY-MM-DD)")]).optional(),
  reference: z.string().trim().max(200).optional(),
});

export async function action({ request, params, context }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  if (!(await visibleCluster(viewer, params.clusterId))) throw data("No such cluster organisation.", { status: 404 });
  const parsed = consentSchema.safeParse(await readForm(request));
  if (!parsed.success) return data({ error: `Not recorded: ${describeIssues(parsed.error, { signedOn: "the signing date", reference: "the reference" })}.` }, { status: 400 });
  if (parsed.data.signedOn && parsed.data.signedOn > todayIso()) return data({ error: "Not recorded: the signing date is after today." }, { status: 422 });
  const outcome = await setConsent(viewer, params.clusterId, parsed.data.intent === "give", { signedOn: parsed.data.signedOn, reference: parsed.data.reference });
  return outcome.ok ? { error: null } : data({ error: outcome.error }, { status: outcome.error.startsWith("You may not") ? 403 : 409 });
}

export default function ClusterPage({ loaderData, actionData }: Route.ComponentProps) {
  const { cluster, selected, staffing, dimensions, history, consent, labels } = loaderData;
  const fte = selected.fte === null ? null : Number(selected.fte);
  return (
    <>
      <p><Link to="/clusters">← All clusters</Link></p>
      <h1>{cluster.name}</h1>
      <p className="lead">
        {cluster.id} · portfolios {selected.portfolios.map(portfolioLabel).join(", ")} · benchmarked {history.length} time{history.length === 1 ? "" : "s"}
      </p>

      <section aria-labelledby="history-h">
        <h2 id="history-h">Benchmarkings over time</h2>
        <TableScroll label="Benchmarkings over time">
          <table>
            <caption>Overall score and green lights per benchmarking</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Overall</th>
                <th scope="col">Members</th>
                <th scope="col">Team FTE</th>
                <th scope="col">Public funding %</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.assessedOn} aria-current={h.assessedOn === selected.assessedOn ? "true" : undefined}>
                  <th scope="row">{h.assessedOn}</th>
                  <td>
                    <ScoreValue score={h.overall} />
                  </td>
                  <td>{h.members ?? "–"}</td>
                  <td>{h.fte ?? "–"}</td>
                  <td>{h.publicFundingPct ?? "–"}</td>
                  <td>{h.assessedOn === selected.assessedOn ? "shown below" : <Link to={`?on=${h.assessedOn}`}>show lights</Link>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {history.length > 1 && (
          <TableScroll label="Dimension scores per benchmarking">
            <table>
              <caption>Dimension scores per benchmarking (this cluster's green lights as % of the dimension's indicators)</caption>
              <thead>
                <tr>
                  <th scope="col">Dimension</th>
                  {history.map((h) => <th key={h.assessedOn} scope="col">{h.assessedOn}</th>)}
                </tr>
              </thead>
              <tbody>
                {history[history.length - 1]!.dimensions.map((d, i) => (
                  <tr key={d.code}>
                    <th scope="row">{d.title}</th>
                    {history.map((h) => {
                      const score = h.dimensions[i];
                      return <td key={h.assessedOn}>{score && score.code === d.code ? <ScoreValue score={score} /> : "–"}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="labels-h">
        <h2 id="labels-h">Quality labels</h2>
        {labels.length === 0 ? (
          <p>No ESCA label recorded.</p>
        ) : (
          <ul>
            {labels.map((l) => (
              <li key={l.id}>
                <strong>{levelWord(l.level)}</strong> (interview {l.interviewOn}, {l.awardingBody}{l.score !== null ? `, ${l.score} %` : ""}), valid to {l.validUntil} ·{" "}
                <span aria-hidden="true">{LABEL_STATUS_WORDS[l.status]?.symbol}</span> {LABEL_STATUS_WORDS[l.status]?.word}
                {l.status === "inGrace" && <> · renewable to {l.graceEnd}</>}
                {l.silverWindow && <span className="muted"> · Silver window {l.silverWindow.from} to {l.silverWindow.to} (after the benchmarking of {l.silverWindow.after})</span>}
                {l.history.length > 1 && <span className="muted"> · {l.history.slice(1).map((h) => `${h.event.toLowerCase()} ${h.on}`).join(", ")}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="consent-h">
        <h2 id="consent-h">Consent</h2>
        {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
        <p>
          {consent.given
            ? `The cluster has given written consent that policy makers may see its individual results (${consent.signedOn ? `signed ${consent.signedOn}, ` : ""}${consent.reference ? `${consent.reference}, ` : ""}recorded ${consent.recordedAt}${consent.recordedBy ? ` by ${consent.recordedBy}` : ""}).`
            : "No consent: policy makers see this cluster only within portfolio aggregates."}
        </p>
        {consent.mayChange && (
          <Form method="post" className="inline-form" aria-label={consent.given ? "Withdraw consent" : "Record consent"}>
            {!consent.given && (
              <>
                <label>Signed on <input type="date" name="signedOn" /></label>
                <label>Reference (letter, case number) <input name="reference" maxLength={200} /></label>
              </>
            )}
            <button type="submit" name="intent" value={consent.given ? "withdraw" : "give"} className={consent.given ? "secondary" : undefined}>
              {consent.given ? "Record that consent is withdrawn" : "Record the cluster's written consent"}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="staff-h">
        <h2 id="staff-h">Staffing</h2>
        {staffing && selected.members !== null ? (
          <p>
            With {selected.members} committed members the team needs <strong>{staffing.neededFte.toFixed(1)} FTE</strong> for a green light
            ({staffing.perFifty} FTE per 50 members); it has {fte === null ? "no FTE recorded" : `${selected.fte} FTE`}.
          </p>
        ) : (
          <p>No committed members recorded, so the staffing need cannot be computed.</p>
        )}
      </section>

      <section aria-labelledby="lights-h">
        <h2 id="lights-h">Lights of the benchmarking of {selected.assessedOn}</h2>
        <p className="muted">Methodology {selected.catalogue}. Each light with the value, the rule and why.</p>
        {history.length > 1 && (
          <Form method="get" className="inline-form">
            <label>
              Benchmarking{" "}
              <select name="on" defaultValue={selected.assessedOn}>
                {history.map((h) => <option key={h.assessedOn} value={h.assessedOn}>{h.assessedOn}</option>)}
              </select>
            </label>{" "}
            <button type="submit">Show</button>
          </Form>
        )}
        {dimensions.map((d) => (
          <TableScroll key={d.code} label={`Lights: ${d.title}`}>
            <table className="lights">
              <caption>{d.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Indicator</th>
                  <th scope="col">Value</th>
                  <th scope="col">Light</th>
                  <th scope="col">Rule and reason</th>
                </tr>
              </thead>
              <tbody>
                {d.indicators.map((i) => (
                  <tr key={i.code}>
                    <th scope="row">{i.code} <span className="muted">{i.title}</span></th>
                    <td>{i.value ?? "–"}</td>
                    <td><LightBadge light={i.light} /></td>
                    <td>{i.reason} <span className="muted">Rule: {i.rule}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ))}
      </section>
    </>
  );
}
