import { z } from "zod";
import { DEFAULT_MIN_CLUSTERS } from "./auth/roles";

// Settings read from the environment once, checked with Zod.

const timeZones = new Set(Intl.supportedValuesOf("timeZone"));

const settingsSchema = z.object({
  RCES_MIN_CLUSTERS: z.coerce.number().int().min(1).max(100).default(DEFAULT_MIN_CLUSTERS),
  /** How far behind the expected line (a share of the planned change, in %) a goal is still on track; twice that: at risk. */
  RCES_HEALTH_TOLERANCE: z.coerce.number({ error: "must be a percentage from 0 to 100" }).min(0, "must be a percentage from 0 to 100").max(100, "must be a percentage from 0 to 100").default(10),
  /** The region's time zone: calendar feeds give their dates in it. */
  RCES_TIME_ZONE: z.string().refine((zone) => timeZones.has(zone), "must be an IANA time zone such as Europe/Oslo").default("Europe/Oslo"),
});

export type Settings = { minClusters: number; healthTolerance: number; timeZone: string };
let settings: Settings | undefined;

export function getSettings(): Settings {
  if (settings) return settings;
  const parsed = settingsSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`bad setting: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ")}`);
  settings = { minClusters: parsed.data.RCES_MIN_CLUSTERS, healthTolerance: parsed.data.RCES_HEALTH_TOLERANCE / 100, timeZone: parsed.data.RCES_TIME_ZONE };
  return settings;
}
