import { redirect } from "react-router";
import { landingPath } from "~/auth/roles";
import { viewerContext } from "~/auth/session.server";
import type { Route } from "./+types/home";

export function loader({ context }: Route.LoaderArgs) {
  const viewer = context.get(viewerContext);
  return redirect(viewer ? landingPath(viewer) : "/login");
}
