// Words of the improvement program that pages and server share (no server code here).

export const JOINT_PROJECT_STATUSES = ["planned", "funded", "running", "finished", "dropped"] as const;
export type JointProjectStatus = (typeof JOINT_PROJECT_STATUSES)[number];
/** The statuses of a project that counts toward the number the kickoff needs: all but dropped. */
export const COUNTED_JOINT_PROJECT_STATUSES: ReadonlyArray<JointProjectStatus> = JOINT_PROJECT_STATUSES.filter((s) => s !== "dropped");

/** The cycle's stages in the words of the report's program. */
export const CYCLE_STAGE_NAMES: Readonly<Record<string, string>> = {
  baseline: "Baseline",
  kickoff: "Kickoff forum",
  learning: "Sharing and learning",
  rebenchmarking: "Benchmarking again",
  review: "Review forum",
  closed: "Closed",
};

/** A forum workshop's states in words, on its page and in the server's answers. */
export const WORKSHOP_STATE_WORDS: Readonly<Record<string, string>> = {
  draft: "draft",
  scheduled: "scheduled",
  preparing: "in preparation",
  held: "held",
  followingUp: "following up",
  closed: "closed",
  cancelled: "cancelled",
};
