import { createHash, randomBytes, randomUUID } from "node:crypto";
import { audit } from "./audit.server";
import { hashPassword } from "./auth/passwords.server";
import { isAdmin, coordinatedPortfolios, mayGrant, mayActForCluster, type Grant, type Role, type Viewer } from "./auth/roles";
import { db } from "./db.server";

// People, their roles, invitations, password resets and clusters' consent. Every change is
// checked against the actor's roles here and audited in its own transaction.

export const INVITATION_DAYS = 7;
export const RESET_HOURS = 24;

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

async function portfoliosOfCluster(clusterId: string | null): Promise<Array<string>> {
  if (!clusterId) return [];
  const rows = await db().clusterPortfolio.findMany({ where: { clusterId }, select: { portfolio: true } });
  return rows.map((r) => r.portfolio);
}

export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; error: string };

export async function invite(actor: Viewer, input: { email: string; name: string } & Grant): Promise<Outcome<{ token: string }>> {
  const grant: Grant = { role: input.role, portfolio: input.portfolio, clusterId: input.clusterId };
  if (!mayGrant(actor, grant, await portfoliosOfCluster(grant.clusterId))) return { ok: false, error: "You may not give this role." };
  if (grant.clusterId && !(await db().cluster.findUnique({ where: { id: grant.clusterId }, select: { id: true } }))) {
    return { ok: false, error: `There is no cluster ${grant.clusterId}.` };
  }
  if (grant.portfolio && !(await db().clusterPortfolio.findFirst({ where: { portfolio: grant.portfolio }, select: { portfolio: true } }))) {
    return { ok: false, error: `There is no portfolio “${grant.portfolio}” in the benchmarking data.` };
  }
  const token = newToken();
  const email = input.email.trim().toLowerCase();
  await db().$transaction(async (tx) => {
    await tx.invitation.create({
      data: { tokenHash: tokenHash(token), email, name: input.name, ...grant, invitedById: actor.userId, expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000) },
    });
    await audit(tx, { actorId: actor.userId, action: "invitation.create", subject: `invitation of ${email}`, after: grant });
  });
  return { ok: true, token };
}

/** Why a one-time link no longer works (unknown, used, expired), or null when it does. */
function whyUnusable(kind: string, row: { usedAt: Date | null; expiresAt: Date } | null, now: Date, whenUsed: string): string | null {
  if (!row) return `This ${kind} link is not valid.`;
  if (row.usedAt) return `This ${kind} link has been used already; ${whenUsed}.`;
  if (row.expiresAt <= now) return `This ${kind} link has expired; ask for a new one.`;
  return null;
}

export type OpenInvitation = { email: string; name: string; grant: Grant; existingUser: boolean };

/** An invitation that still works, or why it does not. */
export async function openInvitation(token: string, now = new Date()): Promise<Outcome<{ invitation: OpenInvitation }>> {
  const row = await db().invitation.findUnique({ where: { tokenHash: tokenHash(token) } });
  const unusable = whyUnusable("invitation", row, now, "sign in, or ask for a new one");
  if (unusable || !row) return { ok: false, error: unusable! };
  const user = await db().user.findUnique({ where: { email: row.email }, select: { passwordHash: true } });
  return {
    ok: true,
    invitation: { email: row.email, name: row.name, grant: { role: row.role as Role, portfolio: row.portfolio, clusterId: row.clusterId }, existingUser: Boolean(user?.passwordHash) },
  };
}

/**
 * Accepts once: a new person sets their password; a person with an account must be signed in as
 * that account (`signedInEmail`), so that nobody can put a role on someone else's account.
 */
export async function acceptInvitation(token: string, password: string | null, signedInEmail: string | null, now = new Date()): Promise<Outcome<{ userId: string }>> {
  const open = await openInvitation(token, now);
  if (!open.ok) return open;
  const { invitation } = open;
  // One answer for "no password given", whether or not the address has an account.
  if (!password && signedInEmail !== invitation.email) return { ok: false, error: `Choose a password, or sign in as ${invitation.email} if you have an account.` };
  if (invitation.existingUser && signedInEmail !== invitation.email) return { ok: false, error: `Sign in as ${invitation.email} first, then open the link again.` };
  const passwordHash = password && !invitation.existingUser ? await hashPassword(password) : null;
  return db().$transaction(async (tx) => {
    // Marking it used is the guard against two acceptances at once: only one update finds it unused.
    const claimed = await tx.invitation.updateMany({ where: { tokenHash: tokenHash(token), usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return { ok: false as const, error: "This invitation link has been used already." };
    const existing = await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true, passwordHash: true } });
    const userId = existing?.id ?? randomUUID();
    if (!existing) await tx.user.create({ data: { id: userId, email: invitation.email, name: invitation.name, passwordHash } });
    else if (!existing.passwordHash && passwordHash) await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.roleGrant.create({ data: { userId, ...invitation.grant } });
    await audit(tx, { actorId: userId, action: "role.grant", subject: `user ${invitation.email}`, after: invitation.grant });
    return { ok: true as const, userId };
  });
}

export async function createReset(actor: Viewer, userId: string): Promise<Outcome<{ token: string; email: string }>> {
  if (!isAdmin(actor)) return { ok: false, error: "Only an administrator can create a reset link." };
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return { ok: false, error: "No such person." };
  const token = newToken();
  await db().$transaction(async (tx) => {
    await tx.passwordReset.create({ data: { tokenHash: tokenHash(token), userId, createdById: actor.userId, expiresAt: new Date(Date.now() + RESET_HOURS * 3_600_000) } });
    await audit(tx, { actorId: actor.userId, action: "password.reset-link", subject: `user ${user.email}` });
  });
  return { ok: true, token, email: user.email };
}

/**
 * A person asks for a reset link themselves (only useful where mail is set up). The answer never
 * says whether the email has an account; the link goes only to that address.
 */
export async function requestOwnReset(emailInput: string): Promise<{ email: string; token: string } | null> {
  const email = emailInput.trim().toLowerCase();
  const user = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return null;
  const token = newToken();
  await db().$transaction(async (tx) => {
    await tx.passwordReset.create({ data: { tokenHash: tokenHash(token), userId: user.id, createdById: user.id, expiresAt: new Date(Date.now() + RESET_HOURS * 3_600_000) } });
    await audit(tx, { actorId: user.id, action: "password.reset-link", subject: `user ${email}`, after: { requestedBy: "self" } });
  });
  return { email, token };
}

export async function openReset(token: string, now = new Date()): Promise<Outcome<{ email: string }>> {
  const row = await db().passwordReset.findUnique({ where: { tokenHash: tokenHash(token) } });
  const unusable = whyUnusable("reset", row, now, "ask for a new one");
  if (unusable || !row) return { ok: false, error: unusable! };
  const user = await db().user.findUnique({ where: { id: row.userId }, select: { email: true } });
  return user ? { ok: true, email: user.email } : { ok: false, error: "This reset link is not valid." };
}

/** Sets a new password once per link, and signs the person out everywhere. */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<Outcome<{ userId: string }>> {
  const open = await openReset(token, now);
  if (!open.ok) return open;
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({ where: { tokenHash: tokenHash(token), usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return { ok: false as const, error: "This reset link has been used already." };
    const row = await tx.passwordReset.findUniqueOrThrow({ where: { tokenHash: tokenHash(token) }, select: { userId: true } });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    await tx.loginAttempt.deleteMany({ where: { email: open.email, succeeded: false } }); // a new password lifts the lock
    await audit(tx, { actorId: row.userId, action: "password.reset", subject: `user ${open.email}` });
    return { ok: true as const, userId: row.userId };
  });
}

export type Person = { id: string; email: string; name: string; active: boolean; grants: Array<Grant & { id: number; removable: boolean }> };

/** The people the actor manages: an admin everyone; a coordinator those holding roles in their portfolios. */
export async function listPeople(actor: Viewer): Promise<Array<Person>> {
  const mine = coordinatedPortfolios(actor);
  const where = isAdmin(actor)
    ? {}
    : {
        grants: {
          some: {
            OR: [{ portfolio: { in: mine } }, { clusterId: { in: (await db().clusterPortfolio.findMany({ where: { portfolio: { in: mine } }, select: { clusterId: true } })).map((c) => c.clusterId) } }],
          },
        },
      };
  const users = await db().user.findMany({
    where,
    select: { id: true, email: true, name: true, passwordHash: true, grants: { select: { id: true, role: true, portfolio: true, clusterId: true } } },
    orderBy: { name: "asc" },
  });
  const people: Array<Person> = [];
  for (const u of users) {
    const grants = [];
    for (const g of u.grants) {
      const grant = { ...g, role: g.role as Role };
      grants.push({ ...grant, removable: mayGrant(actor, grant, await portfoliosOfCluster(g.clusterId)) });
    }
    people.push({ id: u.id, email: u.email, name: u.name, active: u.passwordHash !== null, grants });
  }
  return people;
}

export async function removeGrant(actor: Viewer, grantId: number): Promise<Outcome> {
  const grant = await db().roleGrant.findUnique({ where: { id: grantId }, select: { role: true, portfolio: true, clusterId: true, user: { select: { email: true } } } });
  if (!grant) return { ok: false, error: isAdmin(actor) ? "This role was removed meanwhile." : "You may not remove this role." };
  const { user, ...rest } = grant;
  const scope: Grant = { ...rest, role: rest.role as Role };
  if (!mayGrant(actor, scope, await portfoliosOfCluster(scope.clusterId))) return { ok: false, error: "You may not remove this role." };
  if (scope.role === "admin" && (await db().roleGrant.count({ where: { role: "admin" } })) <= 1) {
    return { ok: false, error: "This is the last administrator role: give it to someone else first." };
  }
  await db().$transaction(async (tx) => {
    await tx.roleGrant.delete({ where: { id: grantId } });
    await audit(tx, { actorId: actor.userId, action: "role.remove", subject: `user ${user.email}`, before: scope });
  });
  return { ok: true };
}

export type ConsentState = { given: boolean; recordedAt: string | null; recordedBy: string | null; signedOn: string | null; reference: string | null; mayChange: boolean };

export async function consentOf(actor: Viewer, clusterId: string): Promise<ConsentState> {
  const active = await db().consent.findFirst({ where: { clusterId, withdrawnAt: null }, select: { recordedAt: true, recordedById: true, signedOn: true, reference: true } });
  const recorder = active ? await db().user.findUnique({ where: { id: active.recordedById }, select: { name: true } }) : null;
  return {
    given: Boolean(active),
    recordedAt: active?.recordedAt.toISOString().slice(0, 10) ?? null,
    recordedBy: recorder?.name ?? null,
    signedOn: active?.signedOn ?? null,
    reference: active?.reference ?? null,
    mayChange: mayActForCluster(actor, await portfoliosOfCluster(clusterId)),
  };
}

/** Records the cluster's written consent, or withdraws it; the history stays. */
export async function setConsent(actor: Viewer, clusterId: string, give: boolean, signed: { signedOn?: string; reference?: string } = {}): Promise<Outcome> {
  if (!mayActForCluster(actor, await portfoliosOfCluster(clusterId))) return { ok: false, error: "You may not record consent for this cluster." };
  return db().$transaction(async (tx) => {
    const active = await tx.consent.findFirst({ where: { clusterId, withdrawnAt: null }, select: { id: true } });
    if (give === Boolean(active)) return { ok: false as const, error: give ? "Consent is recorded already." : "There is no consent to withdraw." };
    if (give) await tx.consent.create({ data: { clusterId, recordedById: actor.userId, signedOn: signed.signedOn ?? null, reference: signed.reference || null } });
    else await tx.consent.update({ where: { id: active!.id }, data: { withdrawnAt: new Date(), withdrawnById: actor.userId } });
    await audit(tx, { actorId: actor.userId, action: give ? "consent.give" : "consent.withdraw", subject: `cluster ${clusterId}`, before: { consent: !give }, after: { consent: give, ...(give ? signed : {}) } });
    return { ok: true as const };
  });
}

export type PendingInvitation = { key: string; email: string; name: string; grant: Grant; invitedBy: string | null; expiresOn: string };

/** Invitations not used yet and not expired, that the actor could have given (and so may revoke). */
export async function pendingInvitations(actor: Viewer, now = new Date()): Promise<Array<PendingInvitation>> {
  const rows = await db().invitation.findMany({ where: { usedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } });
  const inviters = new Map((await db().user.findMany({ where: { id: { in: rows.map((r) => r.invitedById) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const pending: Array<PendingInvitation> = [];
  for (const row of rows) {
    const grant: Grant = { role: row.role as Role, portfolio: row.portfolio, clusterId: row.clusterId };
    if (!mayGrant(actor, grant, await portfoliosOfCluster(grant.clusterId))) continue;
    // The key is the stored hash of the link's token: it names the invitation without being the link.
    pending.push({ key: row.tokenHash, email: row.email, name: row.name, grant, invitedBy: inviters.get(row.invitedById) ?? null, expiresOn: row.expiresAt.toISOString().slice(0, 10) });
  }
  return pending;
}

/** Revokes a pending invitation: its link stops working at once. */
export async function revokeInvitation(actor: Viewer, key: string, now = new Date()): Promise<Outcome> {
  const row = await db().invitation.findUnique({ where: { tokenHash: key } });
  if (!row || row.usedAt || row.expiresAt <= now) return { ok: false, error: "This invitation is no longer pending: it was used, revoked or has expired." };
  const grant: Grant = { role: row.role as Role, portfolio: row.portfolio, clusterId: row.clusterId };
  if (!mayGrant(actor, grant, await portfoliosOfCluster(grant.clusterId))) return { ok: false, error: "You may not revoke this invitation." };
  await db().$transaction(async (tx) => {
    await tx.invitation.update({ where: { tokenHash: key }, data: { expiresAt: now } });
    await audit(tx, { actorId: actor.userId, action: "invitation.revoke", subject: `invitation of ${row.email}`, before: grant });
  });
  return { ok: true };
}
