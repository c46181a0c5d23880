import { z } from "zod";
import type { LabelRules } from "../../workflows/label";

// The label rules of a methodology as a JSON file (prisma/label-rules/*.json), checked with Zod:
// every fault named with its field. Pure: no HTTP, no Prisma.

const months = z.number().int().min(1).max(120);

export const labelRulesSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, '.', '_' or '-'"),
    title: z.string().min(1),
    description: z.string().default(""),
    validityMonths: months,
    graceMonths: z.number().int().min(0).max(120),
    expiringSoonDays: z.number().int().min(0).max(3650),
    reminderDays: z.array(z.number().int().min(0).max(3650)).min(1).refine((days) => new Set(days).size === days.length, "each day once"),
    silverWindowMonths: z.strictObject({ from: months, to: months }).refine((w) => w.from <= w.to, "from must not be after to"),
    silverImprovementAreas: z.number().int().min(0).max(6),
    goldMinScorePct: z.number().min(0).max(100),
  });

export type LabelRuleSet = z.output<typeof labelRulesSchema>;

export function parseLabelRules(json: unknown): { ok: true; rules: LabelRuleSet } | { ok: false; errors: Array<string> } {
  const parsed = labelRulesSchema.safeParse(json);
  if (parsed.success) return { ok: true, rules: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "the file"}: ${i.message}`) };
}

/** The part of a rule set the label machine works with. */
export function machineRules(set: LabelRuleSet): LabelRules {
  const { validityMonths, graceMonths, expiringSoonDays, reminderDays, silverWindowMonths, silverImprovementAreas, goldMinScorePct } = set;
  return { validityMonths, graceMonths, expiringSoonDays, reminderDays, silverWindowMonths, silverImprovementAreas, goldMinScorePct };
}
