import { z } from "zod";
import { DEFAULT_MIN_CLUSTERS } from "./auth/roles";

// Settings read from the environment once, checked with Zod.

const settingsSchema = z.object({
  RCES_MIN_CLUSTERS: z.coerce.number().int().min(1).max(100).default(DEFAULT_MIN_CLUSTERS),
});

let settings: { minClusters: number } | undefined;

export function getSettings(): { minClusters: number } {
  if (settings) return settings;
  const parsed = settingsSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`bad setting: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ")}`);
  settings = { minClusters: parsed.data.RCES_MIN_CLUSTERS };
  return settings;
}
