import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { db } from "../db.server";

// argon2id (@node-rs/argon2: prebuilt binaries on npm, no compiler needed) and throttling.

export const THROTTLE = { failures: 5, minutes: 15 };

export function hashPassword(password: string): Promise<string> {
  return hash(password); // argon2id with the library's defaults (19 MiB, 2 passes)
}

// Verified against when the email is unknown, so that timing does not tell who has an account.
let dummyHash: Promise<string> | undefined;

export type SignInResult = { ok: true; userId: string } | { ok: false; reason: "invalid" | "throttled" };

/** Checks email and password; after THROTTLE.failures failures within the window the email is locked for it. */
export async function signIn(emailInput: string, password: string, now = new Date()): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const since = new Date(now.getTime() - THROTTLE.minutes * 60_000);
  // The attempt is written as a failure first and counted with the others, so that attempts sent
  // in parallel cannot all pass the count before any is recorded.
  const attempt = await db().loginAttempt.create({ data: { email, succeeded: false, at: now }, select: { id: true } });
  const failures = await db().loginAttempt.count({ where: { email, succeeded: false, at: { gt: since, lte: now } } });
  if (failures > THROTTLE.failures) return { ok: false, reason: "throttled" };
  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const valid = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
  if (!user?.passwordHash || !valid) return { ok: false, reason: "invalid" };
  await db().loginAttempt.update({ where: { id: attempt.id }, data: { succeeded: true } });
  return { ok: true, userId: user.id };
}
