import { db } from "./db.server";
import { parseCatalogueText, type Catalogue } from "./scorecard/catalogue";

// Stored methodology catalogues. A stored catalogue never changes: a revision is a new id.

export const DEFAULT_CATALOGUE_ID = "rces-2017";

const cache = new Map<string, Catalogue>();

export async function listCatalogues(): Promise<Array<{ id: string; title: string; storedAt: Date }>> {
  return db().catalogue.findMany({ select: { id: true, title: true, storedAt: true }, orderBy: { id: "asc" } });
}

/** The stored catalogue, compiled; null when no catalogue has this id. Safe to cache: immutable. */
export async function getCatalogue(id: string): Promise<Catalogue | null> {
  const cached = cache.get(id);
  if (cached) return cached;
  const row = await db().catalogue.findUnique({ where: { id }, select: { definition: true } });
  if (!row) return null;
  const parsed = parseCatalogueText(row.definition);
  if (!parsed.ok) throw new Error(`stored catalogue ${id} no longer validates: ${parsed.errors.join("; ")}`);
  cache.set(id, parsed.catalogue);
  return parsed.catalogue;
}

export type StoreCatalogueResult =
  | { ok: true; id: string; created: boolean }
  | { ok: false; errors: Array<string> };

/**
 * Stores a catalogue under its id. Storing the identical definition again is a no-op; a different
 * definition under a stored id is refused (a revision needs a new id).
 */
export async function storeCatalogue(text: string): Promise<StoreCatalogueResult> {
  const parsed = parseCatalogueText(text);
  if (!parsed.ok) return parsed;
  const { catalogue } = parsed;
  const definition = JSON.stringify(catalogue.source);
  const existing = await db().catalogue.findUnique({ where: { id: catalogue.id }, select: { definition: true } });
  if (existing) {
    if (existing.definition === definition) return { ok: true, id: catalogue.id, created: false };
    return { ok: false, errors: [`catalogue ${catalogue.id} is already stored with a different definition; give the revision a new id`] };
  }
  await db().catalogue.create({ data: { id: catalogue.id, title: catalogue.title, definition } });
  return { ok: true, id: catalogue.id, created: true };
}
