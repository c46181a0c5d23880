import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "./db";

// Sign-in, throttling, sessions and the audit trail, on a real database file.
useFreshDatabase();
const { hashPassword, signIn, THROTTLE } = await import("../../app/auth/passwords.server");
const { createSession, viewerFromRequest } = await import("../../app/auth/session.server");
const { importBenchmarks } = await import("../../app/benchmarks.server");
const { storeCatalogue } = await import("../../app/catalogues.server");
const { db, disconnectDb } = await import("../../app/db.server");
const { readFileSync } = await import("node:fs");
const { ROOT } = await import("./fixtures");
const { acceptInvitation, consentOf, createReset, invite, openInvitation, pendingInvitations, revokeInvitation, openReset, removeGrant, requestOwnReset, resetPassword, setConsent, INVITATION_DAYS, RESET_HOURS } = await import("../../app/people.server");

afterAll(() => disconnectDb());

await db().user.create({
  data: { id: "u1", email: "kari@example.org", name: "Kari", passwordHash: await hashPassword("correct horse"), grants: { create: [{ role: "coordinator", portfolio: "arctic" }] } },
});

describe("sign-in", () => {
  it("accepts the right password, ignoring the email's case and spaces, and refuses a wrong one or an unknown email", async () => {
    expect(await signIn(" Kari@Example.org ", "correct horse")).toEqual({ ok: true, userId: "u1" });
    expect(await signIn("kari@example.org", "wrong")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn("nobody@example.org", "correct horse")).toEqual({ ok: false, reason: "invalid" });
  });

  it(`throttles after ${THROTTLE.failures} failures within ${THROTTLE.minutes} minutes, even the right password, then lets it in again`, async () => {
    const start = new Date("2030-01-01T10:00:00Z");
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    for (let i = 0; i < THROTTLE.failures; i++) expect((await signIn("kari@example.org", "guess", at(i / 10))).ok).toBe(false);
    expect(await signIn("kari@example.org", "correct horse", at(1))).toEqual({ ok: false, reason: "throttled" });
    expect(await signIn("kari@example.org", "correct horse", at(THROTTLE.minutes + 1))).toEqual({ ok: true, userId: "u1" });
  });
});

describe("sessions", () => {
  const requestWith = (setCookie: string) => new Request("http://rces.test/", { headers: { Cookie: setCookie.split(";")[0]! } });

  it("finds the viewer with their roles behind an httpOnly, SameSite=Lax cookie, and nobody once it expired", async () => {
    const setCookie = await createSession("u1");
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(await viewerFromRequest(requestWith(setCookie))).toEqual({
      userId: "u1",
      name: "Kari",
      email: "kari@example.org",
      grants: [{ role: "coordinator", portfolio: "arctic", clusterId: null }],
    });
    await db().session.updateMany({ where: { userId: "u1" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await viewerFromRequest(requestWith(setCookie))).toBeNull();
    expect(await viewerFromRequest(new Request("http://rces.test/", { headers: { Cookie: "rces_session=forged" } }))).toBeNull();
  });
});

describe("the audit trail", () => {
  it("writes a row with each import, in its transaction, and none when the import fails", async () => {
    await storeCatalogue(readFileSync(`${ROOT}/prisma/catalogues/rces-2017.json`, "utf8"));
    const before = await db().auditEvent.count();
    expect((await importBenchmarks("bad.csv", "cluster,name,portfolios,assessed_on\nc1,One,arctic,2017-13-01\n", "rces-2017", { actorId: "u1" })).ok).toBe(false);
    expect(await db().auditEvent.count()).toBe(before);
    const refused = await importBenchmarks("n.csv", "cluster,name,portfolios,assessed_on\nc1,One,nordland,2017-01-01\n", "rces-2017", { actorId: "u1", guard: async () => "not yours" });
    expect(refused).toEqual({ ok: false, errors: ["n.csv: not yours"], refused: true });
    expect(await db().auditEvent.count()).toBe(before);
    const stored = await importBenchmarks("good.csv", "cluster,name,portfolios,assessed_on\nc1,One,arctic,2017-01-01\n", "rces-2017", { actorId: "u1" });
    expect(stored.ok).toBe(true);
    const row = await db().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(row).toMatchObject({ actorId: "u1", action: "benchmarks.import", subject: `import #${stored.ok && stored.importId}`, before: null });
    expect(JSON.parse(row.after!)).toMatchObject({ fileName: "good.csv", assessments: 1, clusters: 1, portfolios: ["arctic"] });
    expect(await db().clusterPortfolio.findMany({ select: { clusterId: true, portfolio: true } })).toEqual([{ clusterId: "c1", portfolio: "arctic" }]);
  });
});

describe("invitations and reset links", () => {
  const admin = { userId: "u-admin", name: "A", email: "a@x", grants: [{ role: "admin" as const, portfolio: null, clusterId: null }] };
  const coordinator = { userId: "u1", name: "Kari", email: "kari@example.org", grants: [{ role: "coordinator" as const, portfolio: "arctic", clusterId: null }] };

  it("an invitation sets the password and grants the role once; used again or expired it is refused", async () => {
    const created = await invite(coordinator, { email: "Nils@Example.org", name: "Nils", role: "policyMaker", portfolio: "arctic", clusterId: null });
    expect(created.ok).toBe(true);
    const token = created.ok ? created.token : "";
    expect(await openInvitation(token)).toMatchObject({ ok: true, invitation: { email: "nils@example.org", existingUser: false } });
    const accepted = await acceptInvitation(token, "a long enough password", null);
    expect(accepted.ok).toBe(true);
    expect(await signIn("nils@example.org", "a long enough password")).toMatchObject({ ok: true });
    expect(await db().roleGrant.findMany({ where: { user: { email: "nils@example.org" } }, select: { role: true, portfolio: true } })).toEqual([{ role: "policyMaker", portfolio: "arctic" }]);
    expect(await acceptInvitation(token, "another password!", null)).toEqual({ ok: false, error: "This invitation link has been used already; sign in, or ask for a new one." });
    const late = await invite(coordinator, { email: "late@example.org", name: "Late", role: "policyMaker", portfolio: "arctic", clusterId: null });
    const afterExpiry = new Date(Date.now() + (INVITATION_DAYS * 24 + 1) * 3_600_000);
    expect(await acceptInvitation(late.ok ? late.token : "", "a long enough password", null, afterExpiry)).toEqual({ ok: false, error: "This invitation link has expired; ask for a new one." });
    expect(await openInvitation("made-up")).toEqual({ ok: false, error: "This invitation link is not valid." });
  });

  it("pending invitations are listed to those who could give them, and a revoked one stops working at once", async () => {
    const pending = await invite(coordinator, { email: "pending@example.org", name: "Petra", role: "policyMaker", portfolio: "arctic", clusterId: null });
    const token = pending.ok ? pending.token : "";
    const listed = (await pendingInvitations(coordinator)).find((i) => i.email === "pending@example.org")!;
    expect(listed).toMatchObject({ name: "Petra", grant: { role: "policyMaker", portfolio: "arctic" }, invitedBy: "Kari" });
    expect(listed.key).not.toContain(token); // the list names the invitation, never its link
    const nordland = { userId: "u-n", name: "N", email: "n@x", grants: [{ role: "coordinator" as const, portfolio: "nordland", clusterId: null }] };
    expect((await pendingInvitations(nordland)).map((i) => i.email)).not.toContain("pending@example.org");
    expect(await revokeInvitation(nordland, listed.key)).toEqual({ ok: false, error: "You may not revoke this invitation." });
    expect(await revokeInvitation(coordinator, listed.key)).toEqual({ ok: true });
    expect(await acceptInvitation(token, "a long enough password", null)).toEqual({ ok: false, error: "This invitation link has expired; ask for a new one." });
    expect(await revokeInvitation(coordinator, listed.key)).toMatchObject({ ok: false });
    expect(await db().auditEvent.count({ where: { action: "invitation.revoke" } })).toBe(1);
  });

  it("a role on an existing account is accepted only by that account, signed in", async () => {
    const created = await invite(coordinator, { email: "nils@example.org", name: "Nils", role: "policyMaker", portfolio: "arctic", clusterId: null });
    const token = created.ok ? created.token : "";
    expect(await acceptInvitation(token, null, null)).toEqual({ ok: false, error: "Choose a password, or sign in as nils@example.org if you have an account." });
    expect(await acceptInvitation(token, "hijack password", "kari@example.org")).toEqual({ ok: false, error: "Sign in as nils@example.org first, then open the link again." });
    expect((await acceptInvitation(token, null, "nils@example.org")).ok).toBe(true);
  });

  it("refuses an invitation to a portfolio that does not exist, and the removal of the last administrator role", async () => {
    expect(await invite(admin, { email: "x@example.org", name: "X", role: "policyMaker", portfolio: "lapland", clusterId: null })).toEqual({
      ok: false,
      error: "There is no portfolio “lapland” in the benchmarking data.",
    });
    await db().user.create({ data: { id: "u-admin", email: "a@x", name: "A", grants: { create: [{ role: "admin" }] } } });
    const grant = await db().roleGrant.findFirstOrThrow({ where: { userId: "u-admin" }, select: { id: true } });
    expect(await removeGrant(admin, grant.id)).toEqual({ ok: false, error: "This is the last administrator role: give it to someone else first." });
  });

  it("a coordinator may not invite to another portfolio or as administrator", async () => {
    expect(await invite(coordinator, { email: "x@example.org", name: "X", role: "policyMaker", portfolio: "nordland", clusterId: null })).toEqual({ ok: false, error: "You may not give this role." });
    expect(await invite(coordinator, { email: "x@example.org", name: "X", role: "admin", portfolio: null, clusterId: null })).toEqual({ ok: false, error: "You may not give this role." });
  });

  it("a reset link sets a new password once, signs out everywhere, and expires", async () => {
    expect(await createReset(coordinator, "u1")).toEqual({ ok: false, error: "Only an administrator can create a reset link." });
    const link = await createReset(admin, "u1");
    const token = link.ok ? link.token : "";
    await createSession("u1");
    expect(await openReset(token)).toEqual({ ok: true, email: "kari@example.org" });
    for (let i = 0; i < THROTTLE.failures + 1; i++) await signIn("kari@example.org", "forgotten");
    expect(await signIn("kari@example.org", "correct horse")).toEqual({ ok: false, reason: "throttled" });
    expect((await resetPassword(token, "a brand new password")).ok).toBe(true);
    expect(await db().session.count({ where: { userId: "u1" } })).toBe(0);
    expect(await signIn("kari@example.org", "a brand new password")).toMatchObject({ ok: true });
    expect(await resetPassword(token, "yet another password")).toEqual({ ok: false, error: "This reset link has been used already; ask for a new one." });
    const second = await createReset(admin, "u1");
    const later = new Date(Date.now() + (RESET_HOURS + 1) * 3_600_000);
    expect(await resetPassword(second.ok ? second.token : "", "too late password", later)).toEqual({ ok: false, error: "This reset link has expired; ask for a new one." });
    expect(await requestOwnReset("nobody@example.org")).toBeNull();
    const own = await requestOwnReset(" KARI@example.org ");
    expect(own?.email).toBe("kari@example.org");
    expect(await openReset(own!.token)).toEqual({ ok: true, email: "kari@example.org" });
    const actions = (await db().auditEvent.findMany({ select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.create", "role.grant", "password.reset-link", "password.reset"]));
  });
});

describe("audit of consent and roles", () => {
  const admin = { userId: "u-admin", name: "A", email: "a@x", grants: [{ role: "admin" as const, portfolio: null, clusterId: null }] };
  const stranger = { userId: "u-x", name: "X", email: "x@x", grants: [{ role: "coordinator" as const, portfolio: "nordland", clusterId: null }] };
  const lastAction = async () => (await db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { action: true, subject: true, before: true, after: true } }))!;

  it("records consent given and withdrawn, and nothing when refused", async () => {
    const before = await db().auditEvent.count();
    expect(await setConsent(stranger, "c1", true)).toEqual({ ok: false, error: "You may not record consent for this cluster." });
    expect(await setConsent(admin, "c1", false)).toEqual({ ok: false, error: "There is no consent to withdraw." });
    expect(await db().auditEvent.count()).toBe(before);
    expect(await setConsent(admin, "c1", true, { signedOn: "2017-09-15", reference: "Letter of 15 September 2017, case 17/443" })).toEqual({ ok: true });
    expect(await consentOf(admin, "c1")).toMatchObject({ given: true, signedOn: "2017-09-15", reference: "Letter of 15 September 2017, case 17/443" });
    expect(await lastAction()).toEqual({ action: "consent.give", subject: "cluster c1", before: '{"consent":false}', after: '{"consent":true,"signedOn":"2017-09-15","reference":"Letter of 15 September 2017, case 17/443"}' });
    expect(await setConsent(admin, "c1", false)).toEqual({ ok: true });
    expect(await lastAction()).toMatchObject({ action: "consent.withdraw" });
    expect(await db().consent.count({ where: { clusterId: "c1" } })).toBe(1); // withdrawn, kept as history
  });

  it("records a role removed, and nothing when refused", async () => {
    const grant = await db().roleGrant.findFirstOrThrow({ where: { userId: "u1" }, select: { id: true } });
    const before = await db().auditEvent.count();
    expect(await removeGrant(stranger, grant.id)).toEqual({ ok: false, error: "You may not remove this role." });
    expect(await db().auditEvent.count()).toBe(before);
    expect(await removeGrant(admin, grant.id)).toEqual({ ok: true });
    expect(await lastAction()).toEqual({ action: "role.remove", subject: "user kari@example.org", before: '{"role":"coordinator","portfolio":"arctic","clusterId":null}', after: null });
  });
});
