import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("scorecard", "routes/scorecard.tsx"),
  route("scorecard/:dimension", "routes/dimension.tsx"),
  route("clusters", "routes/clusters.tsx"),
  route("clusters/:clusterId", "routes/cluster.tsx"),
  route("import", "routes/import.tsx"),
  route("methodology", "routes/methodology.tsx"),
  route("methodology/:catalogueId", "routes/catalogue.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("invite/:token", "routes/invite.tsx"),
  route("reset/:token", "routes/reset.tsx"),
  route("forgot", "routes/forgot.tsx"),
  route("people", "routes/people.tsx"),
  route("audit", "routes/audit.tsx"),
  route("programs", "routes/programs.tsx"),
  route("programs/:programId", "routes/program.tsx"),
  route("calendar/:token", "routes/calendar.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
