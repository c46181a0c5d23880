import { data, Form, Link, redirect, useNavigation } from "react-router";
import { z } from "zod";
import { portfolioLabel } from "~/components/scorecard-query";
import { plural } from "~/components/words";
import { afterBenchmarkImportSafely, programsTouchedBy } from "~/progress.server";
import { checkImport, importBenchmarks, listImports, visibleAmong, type ImportGuard, type ImportPreview } from "~/benchmarks.server";
import { decodeCsvBytes, formatFileError } from "~/scorecard/benchmarks-csv";
import { DEFAULT_CATALOGUE_ID, listCatalogues } from "~/catalogues.server";
import { dropUpload, heldUpload, holdUpload } from "~/pending-imports.server";
import type { Route } from "./+types/import";
import { TableScroll } from "~/components/table-scroll";
import { importRefusal, mayUseImport, type Viewer } from "~/auth/roles";
import { requireViewer } from "~/auth/session.server";
import { readForm } from "~/forms.server";

export const meta: Route.MetaFunction = () => [{ title: "Import benchmarking results · RCES" }];

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const PREVIEW_ROWS = 200;

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requireImporter(context, request);
  const done = z.coerce.number().int().positive().safeParse(new URL(request.url).searchParams.get("done"));
  const imports = await listImports(viewer);
  return {
    catalogues: (await listCatalogues()).map((c) => ({ id: c.id, title: c.title })),
    defaultCatalogue: DEFAULT_CATALOGUE_ID,
    imports: imports.map((i) => ({ ...i, importedAt: i.importedAt.toISOString().slice(0, 16).replace("T", " ") })),
    done: done.success ? imports.find((i) => i.id === done.data) ?? null : null,
  };
}

const previewSchema = z.object({
  intent: z.literal("preview"),
  catalogue: z.string({ error: "choose a methodology" }).min(1, "choose a methodology"),
  file: z
    .instanceof(File, { message: "choose a CSV file" })
    .refine((f) => f.size > 0, "the file is empty")
    .refine((f) => f.size <= MAX_UPLOAD_BYTES, `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`)
    .refine((f) => /\.(csv|txt)$/i.test(f.name) || /^text\/(csv|plain)/.test(f.type), "the file must be a CSV file (.csv)"),
});
const confirmSchema = z.object({ intent: z.enum(["confirm", "cancel"]), pending: z.string().uuid() });
const formSchema = z.discriminatedUnion("intent", [previewSchema, confirmSchema]);

type ActionData =
  | { kind: "errors"; title: string; intro?: string; errors: Array<string> }
  | { kind: "preview"; pendingId: string; preview: ImportPreview; programs: Array<{ id: string; name: string; clusters: number }> };

/** Errors of a file: all of them, each naming its line and column. */
function fileErrors(fileName: string, errors: Array<string>): ActionData {
  return {
    kind: "errors",
    title: `${fileName}: nothing was stored`,
    intro: `${plural(errors.length, "problem")} to fix in the file, then upload it again:`,
    errors,
  };
}

function uploadError(message: string): ActionData {
  return { kind: "errors", title: "Nothing was stored", errors: [message] };
}

const FIELD_LABELS: Record<string, string> = { file: "CSV file", catalogue: "Methodology" };

/** Form faults in the words of the page; a tampered form gets one plain sentence. */
function formErrors(error: z.ZodError): ActionData {
  if (error.issues.some((i) => i.path[0] === "intent" || i.path[0] === "pending")) {
    return uploadError("This form did not come from the import page as it is now; reload the page and try again.");
  }
  return { kind: "errors", title: "Nothing was stored", errors: error.issues.map((i) => `${FIELD_LABELS[String(i.path[0])] ?? "Form"}: ${i.message}`) };
}

/** The import page is for admins and coordinators; what they may import is checked per file. */
function requireImporter(context: Route.LoaderArgs["context"], request: Request): Viewer {
  const viewer = requireViewer(context, request);
  if (!mayUseImport(viewer)) throw data("Importing benchmarking results is for forum coordinators and administrators.", { status: 403 });
  return viewer;
}

/**
 * What this viewer may import: only their portfolios (mayActFor), and only clusters that are new
 * or that they may see already, so that an import never claims someone else's cluster.
 */
function guardFor(viewer: Viewer): ImportGuard {
  return async ({ rows, stored }) => {
    const known = [...stored.keys()];
    const visible = await visibleAmong(viewer, known);
    const foreign = known.filter((id) => !visible.has(id));
    if (foreign.length) return `the cluster ids ${foreign.join(", ")} belong to cluster organisations outside your portfolios; ask an administrator`;
    return importRefusal(viewer, rows, stored);
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requireImporter(context, request);
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) {
    return data(uploadError(`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split it into smaller files or use the command line import.`), { status: 413 });
  }
  const parsed = formSchema.safeParse(await readForm(request));
  if (!parsed.success) {
    return data(formErrors(parsed.error), { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "preview") {
    const decoded = decodeCsvBytes(new Uint8Array(await input.file.arrayBuffer()));
    if (!decoded.ok) return data(fileErrors(input.file.name, [formatFileError(input.file.name, decoded.error)]), { status: 422 });
    const check = await checkImport(input.file.name, decoded.text, input.catalogue, guardFor(viewer));
    if (!check.ok) return data(fileErrors(input.file.name, check.errors), { status: check.refused ? 403 : 422 });
    const pendingId = await holdUpload(viewer.userId, input.file.name, decoded.text, input.catalogue);
    return data<ActionData>({ kind: "preview", pendingId, preview: check.preview, programs: await programsTouchedBy(viewer, check.assessments) });
  }
  const pending = await heldUpload(input.pending, viewer.userId);
  if (!pending) {
    return data(uploadError("This preview has expired or was already confirmed; upload the file again."), { status: 410 });
  }
  if (input.intent === "cancel") {
    await dropUpload(pending.id);
    return redirect("/import");
  }
  const result = await importBenchmarks(pending.fileName, pending.content, pending.catalogueId, { actorId: viewer.userId, guard: guardFor(viewer) });
  if (!result.ok) return data(fileErrors(pending.fileName, result.errors), { status: result.refused ? 403 : 409 });
  await dropUpload(pending.id);
  await afterBenchmarkImportSafely(result.importId, viewer.userId);
  return redirect(`/import?done=${result.importId}`);
}

export default function ImportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { catalogues, defaultCatalogue, imports, done } = loaderData;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Import benchmarking results</h1>
      {done && (
        <p className="notice" role="status">
          Stored import #{done.id}: {plural(done.rowCount, "assessment")} from {done.fileName}. <Link to="/scorecard">See the scorecard</Link>.
        </p>
      )}
      {actionData?.kind === "errors" && (
        <section className="errors" role="alert" aria-labelledby="errors-h">
          <h2 id="errors-h" tabIndex={-1} ref={(heading) => heading?.focus()}>{actionData.title}</h2>
          {actionData.intro && <p>{actionData.intro}</p>}
          <ul>
            {actionData.errors.map((e, i) => <li key={i}>{e}</li>)}
          </ul>
        </section>
      )}
      {actionData?.kind === "preview" ? (
        <Preview pendingId={actionData.pendingId} preview={actionData.preview} programs={actionData.programs} busy={busy} />
      ) : (
        <Form method="post" encType="multipart/form-data" className="upload-form">
          <input type="hidden" name="intent" value="preview" />
          <p>
            A CSV file with one row per benchmarking: columns <code>cluster</code>, <code>name</code>, <code>portfolios</code>,{" "}
            <code>assessed_on</code>, the key facts and one column per indicator (<Link to="/methodology">see the methodology</Link>).
            You will see a preview before anything is stored.
          </p>
          <label>
            CSV file
            <input type="file" name="file" accept=".csv,text/csv" required />
          </label>
          <label>
            Methodology
            <select name="catalogue" defaultValue={defaultCatalogue}>
              {catalogues.map((c) => <option key={c.id} value={c.id}>{c.id}: {c.title}</option>)}
            </select>
          </label>
          <button type="submit" disabled={busy}>Check the file</button>
        </Form>
      )}
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">Recent imports</h2>
        {imports.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <TableScroll label="Recent imports">
            <table>
              <thead>
                <tr><th scope="col">#</th><th scope="col">File</th><th scope="col">Assessments</th><th scope="col">Methodology</th><th scope="col">Stored (UTC)</th></tr>
              </thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id}><td>{i.id}</td><td>{i.fileName}</td><td>{i.rowCount}</td><td>{i.catalogueId}</td><td>{i.importedAt}</td></tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}

function Preview({ pendingId, preview, programs, busy }: { pendingId: string; preview: ImportPreview; programs: Array<{ id: string; name: string; clusters: number }>; busy: boolean }) {
  const newCount = preview.clusters.filter((c) => c.isNew).length;
  return (
    <section aria-labelledby="preview-h" className="preview">
      <h2 id="preview-h">Preview of {preview.fileName}</h2>
      <p>
        No errors found. {plural(preview.rows, "assessment")} of {plural(preview.clusters.length, "cluster organisation")} ({newCount}{" "}
        new), dated {preview.firstDate} to {preview.lastDate}, methodology {preview.catalogueId}. Nothing is stored until you confirm.
      </p>
      {programs.length > 0 && (
        <p>
          A new benchmarking round for{" "}
          {programs.map((p, i) => (
            <span key={p.id}>{i > 0 && ", "}<Link to={`/programs/${p.id}`}>{p.name}</Link> ({plural(p.clusters, "cluster")})</span>
          ))}
          : storing it moves a program in its learning stage to benchmarking again, and gives its agreed goals on scorecard metrics their new values as check-ins.
        </p>
      )}
      <Form method="post" className="confirm-form">
        <input type="hidden" name="pending" value={pendingId} />
        <button type="submit" name="intent" value="confirm" disabled={busy}>Store {preview.rows === 1 ? "this assessment" : `these ${preview.rows} assessments`}</button>{" "}
        <button type="submit" name="intent" value="cancel" className="secondary" disabled={busy}>Cancel</button>
      </Form>
      <h3>Portfolios</h3>
      <ul>
        {preview.portfolios.map((p) => <li key={p.code}>{portfolioLabel(p.code)}: {plural(p.clusters, "cluster")}</li>)}
      </ul>
      {preview.mostlyBlank.length > 0 && (
        <div className="errors" role="status">
          <p>
            <strong>Check before storing:</strong> {plural(preview.mostlyBlank.length, "assessment")} miss more than half of the
            indicators. A missing value is never green, so these clusters will score low, and a stored assessment cannot be replaced.
          </p>
          <ul>
            {preview.mostlyBlank.slice(0, 20).map((a) => (
              <li key={`${a.cluster}-${a.assessedOn}`}>line {a.line}: {a.cluster}, {a.assessedOn}: {a.missing} of {a.of} indicators blank</li>
            ))}
          </ul>
        </div>
      )}
      <h3>Missing values</h3>
      {preview.missing.length === 0 ? (
        <p>None: every column has a value in every row.</p>
      ) : (
        <p>
          Blank cells count as missing lights (never green):{" "}
          {preview.missing.map((m) => `${m.column} ${m.blank}`).join(", ")}.
        </p>
      )}
      <TableScroll label="Cluster organisations in the file">
        <table>
          <caption>Cluster organisations in the file</caption>
          <thead>
            <tr><th scope="col">Cluster</th><th scope="col">Portfolios</th><th scope="col">Benchmarked on</th></tr>
          </thead>
          <tbody>
            {preview.clusters.slice(0, PREVIEW_ROWS).map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name} <span className="muted">{c.id}{c.isNew ? " · new" : ""}{c.renamedFrom ? ` · renamed from ${c.renamedFrom}` : ""}</span></th>
                <td>{c.portfolios.map(portfolioLabel).join(", ")}</td>
                <td>{c.dates.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {preview.clusters.length > PREVIEW_ROWS && (
          <p className="muted">…and {preview.clusters.length - PREVIEW_ROWS} more cluster organisations.</p>
        )}
      </TableScroll>
    </section>
  );
}
