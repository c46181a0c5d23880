// Words of the improvement program that pages and server share (no server code here).

export const JOINT_PROJECT_STATUSES = ["planned", "funded", "running", "finished"] as const;
export type JointProjectStatus = (typeof JOINT_PROJECT_STATUSES)[number];

/** Calendar feeds give dates in the region's time zone (the demo's: Norway). */
export const CALENDAR_TIME_ZONE = "Europe/Oslo";
