import { db } from "~/db.server";

/** Liveness and database reachability, for monitoring; reveals nothing else. */
export async function loader() {
  try {
    await db().catalogue.count();
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "database unavailable" }, { status: 503 });
  }
}
