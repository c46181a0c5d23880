import { coordinatedPortfolios, isAdmin, type Viewer } from "./auth/roles";
import { db } from "./db.server";
import type { Prisma } from "./generated/prisma/client";

// Who runs a program: its portfolio's coordinators and administrators. The condition is part of
// the query, so a program that is not the viewer's is not found at all.

export function programsRunBy(viewer: Viewer): Prisma.ProgramWhereInput {
  return isAdmin(viewer) ? {} : { portfolio: { in: coordinatedPortfolios(viewer) } };
}

export async function programFor(viewer: Viewer, programId: string) {
  return db().program.findFirst({ where: { AND: [{ id: programId }, programsRunBy(viewer)] } });
}
