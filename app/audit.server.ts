import type { Prisma } from "./generated/prisma/client";

// The audit trail: written with the same transaction client as the change it records, so that a
// change without its audit row (or an audit row without its change) cannot exist.

export type AuditEntry = { actorId: string | null; action: string; subject: string; before?: unknown; after?: unknown };

export async function audit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      subject: entry.subject,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    },
  });
}
