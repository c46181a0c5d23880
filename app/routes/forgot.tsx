import { data, Form } from "react-router";
import { z } from "zod";
import { mailConfigured, sendMail } from "~/mail.server";
import { requestOwnReset, RESET_HOURS } from "~/people.server";
import type { Route } from "./+types/forgot";
import { readForm } from "~/forms.server";

export const meta: Route.MetaFunction = () => [{ title: "Forgotten password · RCES" }];

export function loader() {
  return { mail: mailConfigured(), hours: RESET_HOURS };
}

const schema = z.object({ email: z.string().trim().toLowerCase().email("enter an email address") });

export async function action({ request }: Route.ActionArgs) {
  if (!mailConfigured()) return data({ sent: false, error: "No mail service is set up here: ask an administrator for a reset link." }, { status: 409 });
  const parsed = schema.safeParse(await readForm(request));
  if (!parsed.success) return data({ sent: false, error: parsed.error.issues[0]!.message }, { status: 400 });
  const reset = await requestOwnReset(parsed.data.email);
  if (reset) {
    const url = `${new URL(request.url).origin}/reset/${reset.token}`;
    await sendMail({ to: reset.email, subject: "Reset your password", text: `Open this link to choose a new password (valid ${RESET_HOURS} hours, works once):\n\n${url}\n` });
  }
  // The same answer whether or not the address has an account.
  return { sent: true, error: null };
}

export default function ForgotPage({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <h1>Forgotten password</h1>
      {!loaderData.mail ? (
        <p>Ask an administrator: they can give you a link to choose a new password.</p>
      ) : actionData?.sent ? (
        <p className="notice" role="status">If this address has an account, a link to choose a new password is on its way (valid {loaderData.hours} hours).</p>
      ) : (
        <Form method="post" className="login-form">
          {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
          <label>Email <input type="email" name="email" autoComplete="username" required /></label>
          <button type="submit">Send me a link</button>
        </Form>
      )}
    </>
  );
}
