// Words of the improvement program that pages and server share (no server code here).

export const JOINT_PROJECT_STATUSES = ["planned", "funded", "running", "finished"] as const;
export type JointProjectStatus = (typeof JOINT_PROJECT_STATUSES)[number];
