import { randomUUID } from "node:crypto";
import { db } from "./db.server";

// An upload waits here between its preview and the coordinator's confirmation, so that the
// confirmation works as a plain form post without sending the file again.

const KEEP_HOURS = 24;

export async function holdUpload(uploadedById: string, fileName: string, content: string, catalogueId: string): Promise<string> {
  const id = randomUUID();
  await db().pendingImport.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_HOURS * 3600_000) } } });
  await db().pendingImport.create({ data: { id, fileName, content, catalogueId, uploadedById } });
  return id;
}

/** The upload, only for the person who made it. */
export async function heldUpload(id: string, uploadedById: string) {
  return db().pendingImport.findFirst({ where: { id, uploadedById }, select: { id: true, fileName: true, content: true, catalogueId: true } });
}

export async function dropUpload(id: string): Promise<void> {
  await db().pendingImport.deleteMany({ where: { id } });
}
