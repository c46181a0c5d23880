import { data, Form, redirect, useNavigation } from "react-router";
import { z } from "zod";
import { db } from "~/db.server";
import { landingPath, type Role } from "~/auth/roles";
import { THROTTLE, signIn } from "~/auth/passwords.server";
import { createSession, viewerContext } from "~/auth/session.server";
import { readForm } from "~/forms.server";
import type { Route } from "./+types/login";

export const meta: Route.MetaFunction = () => [{ title: "Sign in · RCES" }];

/** Only a path of this site: never an absolute or protocol-relative URL (no open redirect). */
function safeRedirect(target: string | null | undefined): string | null {
  if (!target || !target.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(target)) return null;
  const resolved = new URL(target, "http://rces.invalid");
  const path = resolved.pathname + resolved.search;
  // Checked again after resolving: "/..//evil.example" resolves to the protocol-relative "//evil.example".
  return resolved.origin === "http://rces.invalid" && !path.startsWith("//") && !path.startsWith("/\\") ? path : null;
}

export function loader({ context, request }: Route.LoaderArgs) {
  const viewer = context.get(viewerContext);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (viewer) throw redirect(redirectTo ?? landingPath(viewer));
  return { redirectTo };
}

const signInSchema = z.object({
  email: z.string({ error: "enter your email" }).trim().toLowerCase().email("enter an email address like name@example.org"),
  password: z.string({ error: "enter your password" }).min(1, "enter your password").max(200),
  redirectTo: z.string().optional(),
});

export async function action({ request }: Route.ActionArgs) {
  const parsed = signInSchema.safeParse(await readForm(request));
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors;
    return data({ fields: { email: fields.email?.[0], password: fields.password?.[0] }, message: null }, { status: 400 });
  }
  const result = await signIn(parsed.data.email, parsed.data.password);
  if (!result.ok) {
    const message =
      result.reason === "throttled"
        ? `Too many failed attempts for this email: wait ${THROTTLE.minutes} minutes, or ask an administrator for a reset link.`
        : "The email or the password is not right.";
    return data({ fields: {}, message }, { status: result.reason === "throttled" ? 429 : 401 });
  }
  const grants = await db().roleGrant.findMany({ where: { userId: result.userId }, select: { role: true, portfolio: true, clusterId: true } });
  const landing = landingPath({ userId: result.userId, name: "", email: "", grants: grants.map((g) => ({ ...g, role: g.role as Role })) });
  return redirect(safeRedirect(parsed.data.redirectTo) ?? landing, { headers: { "Set-Cookie": await createSession(result.userId) } });
}

export default function LoginPage({ loaderData, actionData }: Route.ComponentProps) {
  const busy = useNavigation().state === "submitting";
  const fields: { email?: string; password?: string } = actionData?.fields ?? {};
  return (
    <>
      <h1>Sign in</h1>
      <p className="lead">The benchmarking results are confidential: sign in to see what your role allows.</p>
      {actionData?.message && <p className="errors" role="alert">{actionData.message}</p>}
      <Form method="post" className="login-form">
        {loaderData.redirectTo && <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />}
        <label>
          Email
          <input type="email" name="email" autoComplete="username" required aria-invalid={fields.email ? true : undefined} aria-describedby={fields.email ? "email-error" : undefined} />
        </label>
        {fields.email && <span id="email-error" className="field-error">{fields.email}</span>}
        <label>
          Password
          <input type="password" name="password" autoComplete="current-password" required aria-invalid={fields.password ? true : undefined} aria-describedby={fields.password ? "password-error" : undefined} />
        </label>
        {fields.password && <span id="password-error" className="field-error">{fields.password}</span>}
        <button type="submit" disabled={busy}>Sign in</button>
      </Form>
      <p><a href="/forgot">Forgotten your password?</a></p>
    </>
  );
}
