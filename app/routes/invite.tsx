import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { ROLE_NAMES } from "~/auth/roles";
import { createSession } from "~/auth/session.server";
import { acceptInvitation, openInvitation } from "~/people.server";
import type { Route } from "./+types/invite";

export const meta: Route.MetaFunction = () => [{ title: "Invitation · RCES" }];

export async function loader({ params }: Route.LoaderArgs) {
  const open = await openInvitation(params.token);
  if (!open.ok) throw data(open.error, { status: 410 });
  const { invitation } = open;
  return { email: invitation.email, name: invitation.name, role: ROLE_NAMES[invitation.grant.role], scope: invitation.grant.portfolio ?? invitation.grant.clusterId, existingUser: invitation.existingUser };
}

const PASSWORD_RULE = z.string().min(10, "use at least 10 characters").max(200);
const acceptSchema = z
  .object({ password: PASSWORD_RULE.optional(), repeat: z.string().optional() })
  .refine((v) => v.password === v.repeat, { path: ["repeat"], message: "the two passwords differ" });

export async function action({ request, params }: Route.ActionArgs) {
  const open = await openInvitation(params.token);
  if (!open.ok) return data({ error: open.error }, { status: 410 });
  const parsed = acceptSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!open.invitation.existingUser && (!parsed.success || !parsed.data.password)) {
    return data({ error: parsed.success ? "Choose a password." : parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  }
  const accepted = await acceptInvitation(params.token, parsed.success ? parsed.data.password ?? null : null);
  if (!accepted.ok) return data({ error: accepted.error }, { status: 410 });
  if (open.invitation.existingUser) return redirect("/login");
  return redirect("/", { headers: { "Set-Cookie": await createSession(accepted.userId) } });
}

export default function InvitePage({ loaderData, actionData }: Route.ComponentProps) {
  const { email, name, role, scope, existingUser } = loaderData;
  return (
    <>
      <h1>Welcome, {name}</h1>
      <p className="lead">You are invited as {role}{scope ? ` for ${scope}` : ""} ({email}).</p>
      {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
      <Form method="post" className="login-form">
        {existingUser ? (
          <p>You have an account already: accept, then sign in as usual.</p>
        ) : (
          <>
            <label>Choose a password (at least 10 characters) <input type="password" name="password" autoComplete="new-password" required minLength={10} /></label>
            <label>The same again <input type="password" name="repeat" autoComplete="new-password" required /></label>
          </>
        )}
        <button type="submit">Accept the invitation</button>
      </Form>
    </>
  );
}
