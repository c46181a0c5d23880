import { JOINT_PROJECT_STATUSES } from "~/program-terms";
import { IMPROVEMENT_AREAS } from "../../../workflows/goal";
import { ActionForm, Fold } from "./action-form";

// Joint projects of the program's clusters (report section 4): what they work on, who takes part,
// how they are funded, where they stand. Those who run the program define and change them.

type Project = { id: string; title: string; areas: Array<string>; clusters: Array<string>; funding: string; status: string; revision: number };
type Cluster = { id: string; name: string };

function ProjectFields({ project, clusters }: { project?: Project; clusters: ReadonlyArray<Cluster> }) {
  return (
    <>
      <label>Title <input name="title" required defaultValue={project?.title} /></label>
      <fieldset>
        <legend>Improvement areas</legend>
        <div className="checks">
          {IMPROVEMENT_AREAS.map((a) => (
            <label key={a}><input type="checkbox" name="areas" value={a} defaultChecked={project?.areas.includes(a)} /> {a}</label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Participating clusters</legend>
        <div className="checks">
          {clusters.map((c) => (
            <label key={c.id}><input type="checkbox" name="clusters" value={c.id} defaultChecked={project?.clusters.includes(c.id)} /> {c.name}</label>
          ))}
        </div>
      </fieldset>
      <label>Funding <input name="funding" defaultValue={project?.funding} /></label>
      <label>
        Status
        <select name="status" defaultValue={project?.status}>{JOINT_PROJECT_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}</select>
      </label>
    </>
  );
}

export function JointProjects({ projects, clusters, runs }: { projects: ReadonlyArray<Project>; clusters: ReadonlyArray<Cluster>; runs: boolean }) {
  const name = (id: string) => clusters.find((c) => c.id === id)?.name ?? id;
  return (
    <>
      {projects.length === 0 ? (
        <p>None yet. The report asks for two, separately funded, on weaknesses the clusters share.</p>
      ) : (
        projects.map((p) => (
          <article key={p.id} className="goal" aria-labelledby={`project-${p.id}`}>
            <h3 id={`project-${p.id}`}>{p.title}</h3>
            <p>
              <strong>{p.status}</strong> · {p.areas.join("; ")}
              {p.funding ? ` · funding: ${p.funding}` : ""}
            </p>
            <p className="muted">Clusters: {p.clusters.length ? p.clusters.map(name).join(", ") : "none named yet"}</p>
            {runs && (
              <Fold summary="Change this project" forms={[{ intent: "edit-project", fields: { projectId: p.id } }]}>
                <ActionForm key={p.revision} intent="edit-project" fields={{ projectId: p.id, revision: p.revision }} className="upload-form" label={`Change ${p.title}`} anchor={`project-${p.id}`}>
                  <ProjectFields project={p} clusters={clusters} />
                  <button type="submit">Save the project</button>
                </ActionForm>
              </Fold>
            )}
          </article>
        ))
      )}
      {runs && (
        <ActionForm intent="add-project" className="upload-form" label="Define a joint project" anchor="projects-h">
          <h3>Define a joint project</h3>
          <ProjectFields clusters={clusters} />
          <button type="submit">Define the project</button>
        </ActionForm>
      )}
    </>
  );
}
