import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { ROLE_NAMES } from "~/auth/roles";
import { portfolioLabel } from "~/components/scorecard-query";
import { createSession, viewerContext } from "~/auth/session.server";
import { readForm } from "~/forms.server";
import { acceptInvitation, openInvitation } from "~/people.server";
import type { Route } from "./+types/invite";

export const meta: Route.MetaFunction = () => [{ title: "Invitation · RCES" }];

// The page does not tell whether the invited address has an account: whoever holds the link sees
// the same page; a person with an account accepts while signed in as it.
export async function loader({ params, context, request }: Route.LoaderArgs) {
  const open = await openInvitation(params.token);
  if (!open.ok) throw data(open.error, { status: 410 });
  const { invitation } = open;
  const viewer = context.get(viewerContext);
  return {
    email: invitation.email,
    name: invitation.name,
    role: ROLE_NAMES[invitation.grant.role],
    scope: invitation.grant.portfolio ? portfolioLabel(invitation.grant.portfolio) : invitation.grant.clusterId,
    signedInAs: viewer?.email ?? null,
    here: new URL(request.url).pathname,
  };
}

const acceptSchema = z
  .object({ password: z.string().min(10, "use at least 10 characters").max(200).optional(), repeat: z.string().optional() })
  .refine((v) => v.password === v.repeat, { path: ["repeat"], message: "the two passwords differ" });

export async function action({ request, params, context }: Route.ActionArgs) {
  const parsed = acceptSchema.safeParse(await readForm(request));
  if (!parsed.success) return data({ error: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  const viewer = context.get(viewerContext);
  const accepted = await acceptInvitation(params.token, parsed.data.password ?? null, viewer?.email ?? null);
  if (!accepted.ok) return data({ error: accepted.error }, { status: accepted.error.startsWith("Sign in") || accepted.error.startsWith("Choose") ? 400 : 410 });
  if (viewer) return redirect("/");
  return redirect("/", { headers: { "Set-Cookie": await createSession(accepted.userId) } });
}

export default function InvitePage({ loaderData, actionData }: Route.ComponentProps) {
  const { email, name, role, scope, signedInAs, here } = loaderData;
  return (
    <>
      <h1>Welcome, {name}</h1>
      <p className="lead">You are invited as {role}{scope ? ` for ${scope}` : ""} ({email}).</p>
      {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
      {signedInAs && signedInAs !== email ? (
        <p>You are signed in as {signedInAs}. This invitation is for {email}: sign out first, then open the link again.</p>
      ) : signedInAs === email ? (
        <Form method="post" className="login-form">
          <button type="submit">Accept the invitation</button>
        </Form>
      ) : (
        <>
          <Form method="post" className="login-form">
            <label>Choose a password (at least 10 characters) <input type="password" name="password" autoComplete="new-password" required minLength={10} /></label>
            <label>The same again <input type="password" name="repeat" autoComplete="new-password" required /></label>
            <button type="submit">Accept the invitation</button>
          </Form>
          <p>Have an account already? <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>Sign in first</Link>, then accept.</p>
        </>
      )}
    </>
  );
}
