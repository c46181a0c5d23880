import { randomUUID } from "node:crypto";
import { initialTransition, transition, type AnyStateMachine, type EventFromLogic, type InputFrom, type SnapshotFrom } from "xstate";
import { audit } from "./audit.server";
import { db } from "./db.server";
import type { Prisma } from "./generated/prisma/client";
import { goalMachine, GOAL_MACHINE_VERSION } from "../workflows/goal";
import { improvementCycleMachine, CYCLE_MACHINE_VERSION } from "../workflows/improvement-cycle";
import { workshopMachine, WORKSHOP_MACHINE_VERSION } from "../workflows/workshop";
import { labelMachine, LABEL_MACHINE_VERSION } from "../workflows/label";

// Runs the pure machines of workflows/ against storage: load the snapshot, compute the next one
// with transition(), save snapshot + state column + event history (guarded by the revision, so
// that of two people acting at once the second is told, not overwritten), and only then carry out
// the returned actions' writes, in the same transaction: a step is saved whole or not at all.

export const MACHINES = {
  goal: { machine: goalMachine, version: GOAL_MACHINE_VERSION },
  workshop: { machine: workshopMachine, version: WORKSHOP_MACHINE_VERSION },
  improvementCycle: { machine: improvementCycleMachine, version: CYCLE_MACHINE_VERSION },
  label: { machine: labelMachine, version: LABEL_MACHINE_VERSION },
} as const;
export type WorkflowKind = keyof typeof MACHINES;
type MachineOf<K extends WorkflowKind> = (typeof MACHINES)[K]["machine"];

/** A stored snapshot this code cannot read: never silently reset to the initial state. */
export class UnreadableSnapshotError extends Error {}

export type StepActions = Array<{ type: string; params?: unknown }>;

export type StepResult<K extends WorkflowKind> =
  | { ok: true; snapshot: SnapshotFrom<MachineOf<K>>; revision: number; actions: StepActions }
  | { ok: false; reason: "refused" | "changed-meanwhile" | "not-found"; message: string };

/** What the second of two people acting on the same revision is told; nothing of theirs was written. */
export const CHANGED_MEANWHILE = "Someone changed this meanwhile: reload the page and try again.";

const stateText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** Starts a workflow; inside `tx` when it is created together with what it belongs to. */
export async function createWorkflow<K extends WorkflowKind>(
  kind: K,
  { input, actorId, id = randomUUID(), tx }: { input?: InputFrom<MachineOf<K>>; actorId: string | null; id?: string; tx?: Prisma.TransactionClient },
): Promise<string> {
  const { machine, version } = MACHINES[kind];
  const [snapshot] = initialTransition(machine as AnyStateMachine, input);
  const write = async (client: Prisma.TransactionClient) => {
    await client.workflowInstance.create({
      data: { id, kind, machineVersion: version, state: stateText(snapshot.value), snapshot: JSON.stringify((machine as AnyStateMachine).getPersistedSnapshot(snapshot)) },
    });
    await audit(client, { actorId, action: `${kind}.create`, subject: `${kind} ${id}`, after: { state: snapshot.value } });
  };
  if (tx) await write(tx);
  else await db().$transaction(write);
  return id;
}

export async function loadWorkflow<K extends WorkflowKind>(kind: K, id: string): Promise<{ snapshot: SnapshotFrom<MachineOf<K>>; revision: number } | null> {
  const row = await db().workflowInstance.findFirst({ where: { id, kind }, select: { snapshot: true, revision: true, machineVersion: true } });
  if (!row) return null;
  const { machine, version } = MACHINES[kind];
  if (row.machineVersion !== version) {
    throw new UnreadableSnapshotError(`${kind} ${id} was stored by machine version ${row.machineVersion}; this version (${version}) needs a written migration`);
  }
  try {
    return { snapshot: (machine as AnyStateMachine).resolveState(JSON.parse(row.snapshot)) as SnapshotFrom<MachineOf<K>>, revision: row.revision };
  } catch (error) {
    throw new UnreadableSnapshotError(`${kind} ${id} cannot be read by the current machine: ${(error as Error).message}`);
  }
}

/**
 * Sends one event. `expectedRevision` is the revision the person saw: if the object changed since,
 * nothing is written and the answer is "changed-meanwhile". An event the machine does not accept
 * now is "refused", and nothing is written either. `alsoInTransaction` carries out the step's
 * writes (the returned actions' database side, say): it runs after the new snapshot is saved, in
 * the same transaction, so that if it fails the snapshot stays as it was too (and the error is thrown).
 */
export async function sendEvent<K extends WorkflowKind>(
  kind: K,
  id: string,
  event: EventFromLogic<MachineOf<K>>,
  {
    actorId,
    expectedRevision,
    alsoInTransaction,
  }: {
    actorId: string | null;
    expectedRevision?: number;
    /** Writes that belong to this step (its actions; closing a cycle opens the next): committed with it, or not at all. */
    alsoInTransaction?: (tx: Prisma.TransactionClient, step: { snapshot: SnapshotFrom<MachineOf<K>>; actions: StepActions }) => Promise<void>;
  },
): Promise<StepResult<K>> {
  const loaded = await loadWorkflow(kind, id);
  if (!loaded) return { ok: false, reason: "not-found", message: `No such ${kind}.` };
  if (expectedRevision !== undefined && expectedRevision !== loaded.revision) {
    return { ok: false, reason: "changed-meanwhile", message: CHANGED_MEANWHILE };
  }
  const machine = MACHINES[kind].machine as AnyStateMachine;
  const before = loaded.snapshot as SnapshotFrom<AnyStateMachine>;
  if (!before.can(event)) {
    return { ok: false, reason: "refused", message: `“${event.type}” is not possible while the ${kind} is ${stateText(before.value)}.` };
  }
  const [after, machineActions] = transition(machine, before, event);
  const actions: StepActions = machineActions.map((a) => ({ type: a.type, params: a.params }));
  const written = await db().$transaction(async (tx) => {
    // The revision in the condition makes the write fail if another request wrote first.
    const updated = await tx.workflowInstance.updateMany({
      where: { id, revision: loaded.revision },
      data: { state: stateText(after.value), snapshot: JSON.stringify(machine.getPersistedSnapshot(after)), revision: loaded.revision + 1 },
    });
    if (updated.count !== 1) return false;
    await tx.workflowEvent.create({
      data: { instanceId: id, actorId, type: event.type, payload: JSON.stringify(event), fromState: stateText(before.value), toState: stateText(after.value) },
    });
    await audit(tx, { actorId, action: `${kind}.${event.type}`, subject: `${kind} ${id}`, before: { state: before.value }, after: { state: after.value } });
    if (alsoInTransaction) await alsoInTransaction(tx, { snapshot: after as SnapshotFrom<MachineOf<K>>, actions });
    return true;
  });
  if (!written) return { ok: false, reason: "changed-meanwhile", message: CHANGED_MEANWHILE };
  return {
    ok: true,
    snapshot: after as SnapshotFrom<MachineOf<K>>,
    revision: loaded.revision + 1,
    actions,
  };
}
