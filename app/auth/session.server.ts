import { randomBytes } from "node:crypto";
import { createContext, createCookie, redirect, type RouterContextProvider } from "react-router";
import { db } from "../db.server";
import type { Grant, Role, Viewer } from "./roles";

// Sessions are a random id in an httpOnly, SameSite=Lax cookie (Secure in production) pointing at
// a database row that expires. Signing out deletes the row.

export const SESSION_DAYS = 14;

export const sessionCookie = createCookie("rces_session", {
  httpOnly: true,
  sameSite: "lax",
  secure: process.env.NODE_ENV === "production" && process.env.RCES_INSECURE_COOKIES !== "1",
  path: "/",
  maxAge: SESSION_DAYS * 24 * 3600,
});

/** The signed-in person of this request, set once by the root middleware. */
export const viewerContext = createContext<Viewer | null>(null);

export async function viewerFromRequest(request: Request): Promise<Viewer | null> {
  const id: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  if (typeof id !== "string" || !id) return null;
  const session = await db().session.findFirst({
    where: { id, expiresAt: { gt: new Date() } },
    select: { user: { select: { id: true, name: true, email: true, grants: { select: { role: true, portfolio: true, clusterId: true } } } } },
  });
  if (!session) return null;
  const { user } = session;
  return { userId: user.id, name: user.name, email: user.email, grants: user.grants.map((g) => ({ ...g, role: g.role as Role }) satisfies Grant) };
}

/** The viewer, or a redirect to sign in that comes back here afterwards. */
export function requireViewer(context: Readonly<RouterContextProvider>, request: Request): Viewer {
  const viewer = context.get(viewerContext);
  if (viewer) return viewer;
  // Back to the page, not to the framework's data request for it (/x.data?_routes=...).
  const url = new URL(request.url);
  url.searchParams.delete("_routes");
  const page = url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/") + url.search;
  throw redirect(`/login?${new URLSearchParams({ redirectTo: page })}`);
}

export async function createSession(userId: string): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db().session.create({ data: { id, userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600_000) } });
  return sessionCookie.serialize(id);
}

export async function destroySession(request: Request): Promise<string> {
  const id: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  if (typeof id === "string" && id) await db().session.deleteMany({ where: { id } });
  return sessionCookie.serialize("", { maxAge: 0 });
}
