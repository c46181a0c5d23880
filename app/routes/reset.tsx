import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { createSession } from "~/auth/session.server";
import { openReset, resetPassword } from "~/people.server";
import type { Route } from "./+types/reset";
import { readForm } from "~/forms.server";

export const meta: Route.MetaFunction = () => [{ title: "New password · RCES" }];

export async function loader({ params }: Route.LoaderArgs) {
  const open = await openReset(params.token);
  if (!open.ok) throw data(open.error, { status: 410 });
  return { email: open.email };
}

const resetSchema = z
  .object({ password: z.string().min(10, "use at least 10 characters").max(200), repeat: z.string() })
  .refine((v) => v.password === v.repeat, { path: ["repeat"], message: "the two passwords differ" });

export async function action({ request, params }: Route.ActionArgs) {
  const parsed = resetSchema.safeParse(await readForm(request));
  if (!parsed.success) return data({ error: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  const outcome = await resetPassword(params.token, parsed.data.password);
  if (!outcome.ok) return data({ error: outcome.error }, { status: 410 });
  return redirect("/", { headers: { "Set-Cookie": await createSession(outcome.userId) } });
}

export default function ResetPage({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <h1>Choose a new password</h1>
      <p className="lead">For {loaderData.email}. You will be signed out everywhere else.</p>
      {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
      <Form method="post" className="login-form">
        <label>New password (at least 10 characters) <input type="password" name="password" autoComplete="new-password" required minLength={10} /></label>
        <label>The same again <input type="password" name="repeat" autoComplete="new-password" required /></label>
        <button type="submit">Set the password</button>
      </Form>
    </>
  );
}
