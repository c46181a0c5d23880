import type { ProgramProgress } from "~/progress.server";
import { LIGHT_SYMBOL, LIGHT_WORD, ScoreValue } from "../band";
import { ScorecardChart } from "../scorecard-chart";
import { TableScroll } from "../table-scroll";

// The program's progress against its frozen baseline: before/after per dimension and overall with
// the change, the key facts then and now, and per cluster the lights that changed colour.

export const KEY_FACT_WORDS: Record<string, string> = {
  members: "Committed members (mean)",
  fte: "Team FTE (mean)",
  publicFundingPct: "Public funding, % (mean)",
  smePct: "SMEs among members, % (mean)",
  committedSharePct: "Committed share of potential members, % (mean)",
};

export function changeWords(change: number | null): string {
  if (change === null) return "no data";
  if (change === 0) return "no change";
  return change > 0 ? `up ${change.toFixed(1)}` : `down ${Math.abs(change).toFixed(1)}`;
}

export function ProgressSection({ progress, titles, baselineAsOf, limits }: { progress: ProgramProgress; titles: Record<string, string>; baselineAsOf: string; limits: Array<number> }) {
  const { comparison } = progress;
  const rows = [...comparison.dimensions, comparison.overall];
  const title = (code: string) => (code === "overall" ? "Overall" : titles[code] ?? code);
  return (
    <>
      <p>
        {progress.renewed} of {progress.clusters} clusters benchmarked again; the scorecard recomputed with the baseline's methodology as of {progress.asOf}, against the baseline as of {baselineAsOf}.
      </p>
      <ScorecardChart
        rows={rows.map((r) => ({
          // the change is in the table below: a long title plus the change would not fit a phone
          title: title(r.code),
          bars: [
            { portfolio: "baseline", score: r.before.score, band: r.before.band },
            { portfolio: "now", score: r.after.score, band: r.after.band },
          ],
        }))}
        title="Baseline and now, per dimension and overall"
        description={rows.map((r) => `${title(r.code)}: ${r.before.score ?? "no data"} then, ${r.after.score ?? "no data"} now, ${changeWords(r.change)}`).join("; ")}
        limits={limits}
      />
      <TableScroll label="Baseline and now">
        <table>
          <thead><tr><th scope="col">Dimension</th><th scope="col">Baseline</th><th scope="col">Now</th><th scope="col">Change</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code} className={r.code === "overall" ? "overall" : undefined}>
                <th scope="row">{title(r.code)}</th>
                <td><ScoreValue score={r.before} /></td>
                <td><ScoreValue score={r.after} /></td>
                <td>{changeWords(r.change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <TableScroll label="Key facts then and now">
        <table>
          <thead><tr><th scope="col">Key fact</th><th scope="col">Baseline</th><th scope="col">Now</th></tr></thead>
          <tbody>
            {comparison.keyFacts.map((f) => (
              <tr key={f.key}><th scope="row">{KEY_FACT_WORDS[f.key] ?? f.key}</th><td>{f.before ?? "–"}</td><td>{f.after ?? "–"}</td></tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {progress.perCluster.length > 0 && (
        <>
          <h3>Per cluster</h3>
          {progress.perCluster.map((c) => (
            <article key={c.id} className="goal" aria-labelledby={`progress-${c.id}`}>
              <h4 id={`progress-${c.id}`}>{c.name}</h4>
              {c.after === null ? (
                <p className="muted">Not benchmarked again yet (last on {c.before}).</p>
              ) : (
                <>
                  <p>
                    Overall {c.overall.before ?? "–"} ({c.before}) → {c.overall.after ?? "–"} ({c.after})
                    {c.changed.length === 0 && " · no light changed colour"}
                  </p>
                  {c.changed.length > 0 && (
                    <ul aria-label={`Lights of ${c.name} that changed colour`}>
                      {c.changed.map((l) => (
                        <li key={l.code}>
                          {l.code} {l.title}: <span aria-hidden="true">{LIGHT_SYMBOL[l.from]}</span> {LIGHT_WORD[l.from]} → <span aria-hidden="true">{LIGHT_SYMBOL[l.to]}</span> {LIGHT_WORD[l.to]}
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
            </article>
          ))}
        </>
      )}
    </>
  );
}
