// The report's two-year forum cycle (section 4) as the template a new program starts from: four
// workshops and, for each, preparation and follow-up tasks for the three audiences, due a number
// of days before or after the workshop. Everything made from it can be edited. Pure data.

export const AUDIENCES = { team: "Team members", clusters: "Cluster organisations", regional: "Regional innovation actors" } as const;
export type Audience = keyof typeof AUDIENCES;

export const FORUM_TEMPLATE = [
  { title: "Forum 1: kickoff", themes: "The RCES baseline; regional goals; each cluster's goals; the joint projects" },
  // The two learning forums' themes are proposed from the program's baseline (learningForumThemes).
  { title: "Forum 2: sharing and learning", themes: "Two of the six improvement areas and one regional development topic", learning: true },
  { title: "Forum 3: sharing and learning", themes: "Two more improvement areas and one regional development topic", learning: true },
  { title: "Forum 4: planning the next cycle", themes: "The new RCES against the baseline; progress on every goal; the next cycle's goals and schedule" },
] as const;

export const TASK_TEMPLATE: ReadonlyArray<{ phase: "preparation" | "followUp"; audience: Audience; title: string; offsetDays: number }> = [
  { phase: "preparation", audience: "team", title: "Prepare the agenda and invite the speakers", offsetDays: -28 },
  { phase: "preparation", audience: "regional", title: "Confirm participation and the regional topic", offsetDays: -21 },
  { phase: "preparation", audience: "clusters", title: "Prepare the cluster's progress and input", offsetDays: -14 },
  { phase: "followUp", audience: "team", title: "Send the minutes and the agreed actions", offsetDays: 7 },
  { phase: "followUp", audience: "clusters", title: "Update the cluster's goals and tasks", offsetDays: 21 },
  { phase: "followUp", audience: "regional", title: "Follow up the regional commitments", offsetDays: 30 },
];
