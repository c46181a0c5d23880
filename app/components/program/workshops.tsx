import { AUDIENCES } from "~/forum-template";
import { WORKSHOP_STATE_WORDS } from "~/program-terms";
import { addDaysIso } from "~/scorecard/dates";
import type { workshopsOf } from "~/workshops.server";
import { TableScroll } from "../table-scroll";
import { ActionForm, Fold } from "./action-form";

// Forum workshops on the program page: details, the steps the machine accepts now (only for those
// who run the program), and the tasks, each settled by whoever it is theirs to settle.

type Workshop = Awaited<ReturnType<typeof workshopsOf>>[number];
type Task = Workshop["tasks"][number];
type People = { clusters: ReadonlyArray<{ id: string; name: string }>; assignees: ReadonlyArray<{ id: string; name: string }> };

const STEPS = { HOLD: "Mark as held", START_FOLLOW_UP: "Start the follow-up", CLOSE: "Close the workshop" } as const;

function assignedTo(task: Task, people: People): string {
  if (task.assigneeName) return task.assigneeName;
  if (task.clusterId) return people.clusters.find((c) => c.id === task.clusterId)?.name ?? task.clusterId;
  return AUDIENCES[task.audience as keyof typeof AUDIENCES] ?? task.audience;
}

const openFollowUps = (w: Workshop) => w.tasks.filter((t) => t.phase === "followUp" && !t.done && !t.waivedBecause).length;

export function TaskState({ task }: { task: Task }) {
  if (task.done) return <>done</>;
  if (task.waivedBecause) return <>waived: {task.waivedBecause}</>;
  if (task.endedWith) return <>not done (the workshop was {task.endedWith})</>;
  if (!task.mine) return <>open</>;
  return (
    <>
      {task.doneNow && (
        <ActionForm intent="task-done" fields={{ taskId: task.id, revision: task.revision }} className="inline" anchor={`workshop-${task.workshopId}`}>
          <button type="submit" className="link-button" aria-label={`Mark done: ${task.title}`}>done</button>
        </ActionForm>
      )}{" "}
      <ActionForm intent="task-waive" fields={{ taskId: task.id, revision: task.revision }} className="inline" anchor={`workshop-${task.workshopId}`}>
        <input name="reason" aria-label={`Why waive: ${task.title}`} placeholder="why waive" size={12} required />
        <button type="submit" className="link-button">waive</button>
      </ActionForm>
    </>
  );
}

function AssignForm({ task, people }: { task: Task; people: People }) {
  const current = task.assigneeId ? `person:${task.assigneeId}` : task.clusterId ? `cluster:${task.clusterId}` : "";
  return (
    <ActionForm intent="task-assign" fields={{ taskId: task.id, revision: task.revision }} className="inline" anchor={`workshop-${task.workshopId}`}>
      <select name="assignee" defaultValue={current} aria-label={`Assign: ${task.title}`}>
        <option value="">{AUDIENCES[task.audience as keyof typeof AUDIENCES] ?? task.audience} (everyone)</option>
        <optgroup label="A cluster">{people.clusters.map((c) => <option key={c.id} value={`cluster:${c.id}`}>{c.name}</option>)}</optgroup>
        <optgroup label="A person">{people.assignees.map((p) => <option key={p.id} value={`person:${p.id}`}>{p.name}</option>)}</optgroup>
      </select>{" "}
      <button type="submit" className="link-button">assign</button>
    </ActionForm>
  );
}

/** "2017-10-30 to 2017-10-31, 09:00 to 15:30 each day": its days, and its hours where set. */
function when(w: Workshop): string {
  const days = w.days > 1 ? `${w.date} to ${addDaysIso(w.date!, w.days - 1)}` : w.date!;
  return w.startTime && w.endTime ? `${days}, ${w.startTime} to ${w.endTime}${w.days > 1 ? " each day" : ""}` : days;
}

export function WorkshopCard({ workshop: w, runs, people, timeZone }: { workshop: Workshop; runs: boolean; people: People; timeZone: string }) {
  const fields = { workshopId: w.id, revision: w.revision };
  const anchor = `workshop-${w.id}`;
  return (
    <article className="workshop" aria-labelledby={anchor}>
      <h3 id={anchor}>{w.title}</h3>
      <p>
        {w.date ? `${when(w)}${w.place ? `, ${w.place}` : ""}` : "Not scheduled yet"} · <strong>{WORKSHOP_STATE_WORDS[w.state] ?? w.state}</strong>
      </p>
      <p className="muted">Themes: {w.themes || "none yet"}</p>
      {w.agenda && <p className="keep-lines">Agenda: {w.agenda}</p>}
      {w.speakers && <p>Speakers: {w.speakers}</p>}
      <div className="steps">
        {w.accepts.schedule && (
          <ActionForm intent="schedule" fields={fields} label={`Schedule ${w.title}`} anchor={anchor}>
            <label>Date <input type="date" name="date" required /></label>
            <label>Place <input name="place" defaultValue={w.place} /></label>
            <button type="submit">Schedule</button>
          </ActionForm>
        )}
        {w.accepts.reschedule && (
          <ActionForm intent="reschedule" fields={fields} label={`Reschedule ${w.title}`} anchor={anchor}>
            <label>New date <input type="date" name="date" required /></label>
            <button type="submit" className="secondary">Reschedule (tasks move with it)</button>
          </ActionForm>
        )}
        {(["HOLD", "START_FOLLOW_UP", "CLOSE"] as const)
          .filter((step) => (step === "HOLD" ? w.accepts.hold : step === "START_FOLLOW_UP" ? w.accepts.followUp : w.accepts.close))
          .map((step) => (
            <ActionForm key={step} intent="workshop-step" fields={{ ...fields, step }} anchor={anchor}>
              <button type="submit">{STEPS[step]}</button>
            </ActionForm>
          ))}
        {runs && w.state === "followingUp" && !w.accepts.close && (
          <p className="muted">Closing waits for {openFollowUps(w)} follow-up task(s): each done, or waived with a reason.</p>
        )}
        {runs && (w.state === "scheduled" || w.state === "preparing") && !w.accepts.hold && w.date && <p className="muted">It can be marked as held from {w.date} on.</p>}
        {w.accepts.cancel && (
          <ActionForm intent="cancel" fields={fields} label={`Cancel ${w.title}`} anchor={anchor}>
            <label>Reason <input name="reason" required /></label>
            <button type="submit" className="secondary">Cancel the workshop</button>
          </ActionForm>
        )}
      </div>
      {w.accepts.edit && (
        <Fold summary="Edit title, place, agenda, themes and speakers" forms={[{ intent: "edit-workshop", fields: { workshopId: w.id } }]}>
          <ActionForm key={w.detailsRevision} intent="edit-workshop" fields={{ workshopId: w.id, revision: w.detailsRevision }} className="upload-form" label={`Details of ${w.title}`} anchor={anchor}>
            <label>Title <input name="title" required defaultValue={w.title} /></label>
            <label>Place <input name="place" defaultValue={w.place} /></label>
            <label>Themes <textarea name="themes" defaultValue={w.themes} /></label>
            <label>Agenda <textarea name="agenda" defaultValue={w.agenda} /></label>
            <label>Speakers <input name="speakers" defaultValue={w.speakers} /></label>
            <fieldset className="hours">
              <legend>Hours ({timeZone}; leave both empty for whole days)</legend>
              <label>From <input type="time" name="startTime" defaultValue={w.startTime ?? ""} /></label>
              <label>To <input type="time" name="endTime" defaultValue={w.endTime ?? ""} /></label>
              <label>Days <input type="number" name="days" min={1} max={5} step={1} defaultValue={w.days} required /></label>
            </fieldset>
            <button type="submit">Save the details</button>
          </ActionForm>
        </Fold>
      )}
      <TableScroll label={`Tasks of ${w.title}`}>
        <table>
          <thead><tr><th scope="col">Task</th><th scope="col">For</th><th scope="col">Due</th><th scope="col">State</th></tr></thead>
          <tbody>
            {w.tasks.map((t) => (
              <tr key={t.id} className={t.overdue ? "overdue" : undefined}>
                <th scope="row">{t.phase === "preparation" ? "Before: " : "After: "}{t.title}</th>
                <td>{runs && t.mine && !t.done && !t.waivedBecause ? <AssignForm task={t} people={people} /> : assignedTo(t, people)}</td>
                <td>{t.dueOn ?? "when scheduled"}{t.overdue && <strong> · overdue</strong>}</td>
                <td><TaskState task={t} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </article>
  );
}

/** The tasks assigned to the viewer or their cluster, those still to do first, then the done and waived ones as a record. */
export function MyTasks({ workshops, people }: { workshops: ReadonlyArray<Workshop>; people: People }) {
  const assigned = workshops.flatMap((w) => w.tasks.filter((t) => t.forViewer).map((t) => ({ task: t, workshop: w })));
  const open = (t: (typeof assigned)[number]["task"]) => t.mine && !t.done && !t.waivedBecause;
  const mine = [...assigned.filter(({ task }) => open(task)), ...assigned.filter(({ task }) => !open(task))];
  if (mine.length === 0) return <p>No task is assigned to you or your cluster.</p>;
  return (
    <TableScroll label="My tasks">
      <table>
        <thead><tr><th scope="col">Task</th><th scope="col">Workshop</th><th scope="col">For</th><th scope="col">Due</th><th scope="col">State</th></tr></thead>
        <tbody>
          {mine.map(({ task, workshop }) => (
            <tr key={task.id} className={task.overdue ? "overdue" : undefined}>
              <th scope="row">{task.title}</th>
              <td>{workshop.title}</td>
              <td>{assignedTo(task, people)}</td>
              <td>{task.dueOn ?? "when scheduled"}{task.overdue && <strong> · overdue</strong>}</td>
              <td><TaskState task={task} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
