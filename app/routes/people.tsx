import { data, Form, useNavigation } from "react-router";
import { z } from "zod";
import { coordinatedPortfolios, isAdmin, ROLE_NAMES, ROLES, type Viewer } from "~/auth/roles";
import { requireViewer } from "~/auth/session.server";
import { TableScroll } from "~/components/table-scroll";
import { portfolioLabel } from "~/components/scorecard-query";
import { createReset, invite, INVITATION_DAYS, listPeople, pendingInvitations, removeGrant, RESET_HOURS, revokeInvitation } from "~/people.server";
import { sendMail } from "~/mail.server";
import type { Route } from "./+types/people";
import { readForm } from "~/forms.server";

export const meta: Route.MetaFunction = () => [{ title: "People and roles · RCES" }];

function requireManager(context: Route.LoaderArgs["context"], request: Request): Viewer {
  const viewer = requireViewer(context, request);
  if (!isAdmin(viewer) && coordinatedPortfolios(viewer).length === 0) throw data("Managing people is for administrators and forum coordinators.", { status: 403 });
  return viewer;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requireManager(context, request);
  return {
    people: await listPeople(viewer),
    pending: await pendingInvitations(viewer),
    admin: isAdmin(viewer),
    roles: ROLES.filter((r) => isAdmin(viewer) || r !== "admin"),
    portfolios: isAdmin(viewer) ? null : coordinatedPortfolios(viewer),
  };
}

const scope = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._;-]*$/, "letters, digits, '.', '_' or '-'").optional().or(z.literal("").transform(() => undefined));
const inviteSchema = z
  .object({
    intent: z.literal("invite"),
    email: z.string().trim().toLowerCase().email("enter an email address"),
    name: z.string().trim().min(1, "enter the person's name").max(120),
    role: z.enum(ROLES, { error: "choose a role" }),
    portfolio: scope,
    clusterId: scope,
  })
  .superRefine((input, ctx) => {
    if ((input.role === "coordinator" || input.role === "policyMaker") && !input.portfolio) ctx.addIssue({ code: "custom", path: ["portfolio"], message: "this role needs a portfolio" });
    if (input.role === "clusterManager" && !input.clusterId) ctx.addIssue({ code: "custom", path: ["clusterId"], message: "this role needs a cluster id" });
  });
const actionSchema = z.discriminatedUnion("intent", [
  inviteSchema,
  z.object({ intent: z.literal("remove"), grantId: z.coerce.number().int().positive(), confirm: z.literal("yes").optional() }),
  z.object({ intent: z.literal("revoke"), key: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ intent: z.literal("reset"), userId: z.string().min(1) }),
]);

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requireManager(context, request);
  const parsed = actionSchema.safeParse(await readForm(request));
  if (!parsed.success) {
    const labels: Record<string, string> = { email: "Email", name: "Name", role: "Role", portfolio: "Portfolio", clusterId: "Cluster id" };
    return data({ error: parsed.error.issues.map((i) => `${labels[String(i.path[0])] ?? "Form"}: ${i.message}`).join("; "), link: null }, { status: 400 });
  }
  const input = parsed.data;
  const origin = new URL(request.url).origin;
  if (input.intent === "invite") {
    const { role } = input;
    const outcome = await invite(viewer, {
      email: input.email,
      name: input.name,
      role,
      portfolio: role === "coordinator" || role === "policyMaker" ? input.portfolio! : null,
      clusterId: role === "clusterManager" ? input.clusterId! : null,
    });
    if (!outcome.ok) return data({ error: outcome.error, link: null }, { status: 403 });
    const url = `${origin}/invite/${outcome.token}`;
    const mailed = await sendMail({
      to: input.email,
      subject: "Your invitation to the Regional Cluster Excellence Scorecard",
      text: `Hello ${input.name},\n\n${viewer.name} invites you as ${ROLE_NAMES[role]}. Open this link to set your password (valid ${INVITATION_DAYS} days, works once):\n\n${url}\n`,
    });
    const scope = input.portfolio ?? input.clusterId;
    return { error: null, link: { url, mailed, what: `Invitation for ${input.email} as ${ROLE_NAMES[role]}${scope && role !== "admin" ? ` of ${scope}` : ""}, valid ${INVITATION_DAYS} days, works once` } };
  }
  if (input.intent === "remove") {
    // Asked once more first: the person loses what the role gave them at once.
    if (input.confirm !== "yes") return { error: null, link: null, confirmRemove: input.grantId };
    const outcome = await removeGrant(viewer, input.grantId);
    return outcome.ok ? { error: null, link: null, done: "The role was removed." } : data({ error: outcome.error, link: null }, { status: 403 });
  }
  if (input.intent === "revoke") {
    const outcome = await revokeInvitation(viewer, input.key);
    return outcome.ok ? { error: null, link: null, done: "The invitation was revoked: its link no longer works." } : data({ error: outcome.error, link: null }, { status: 409 });
  }
  const outcome = await createReset(viewer, input.userId);
  if (!outcome.ok) return data({ error: outcome.error, link: null }, { status: 403 });
  const url = `${origin}/reset/${outcome.token}`;
  const mailed = await sendMail({
    to: outcome.email,
    subject: "Reset your password for the Regional Cluster Excellence Scorecard",
    text: `Open this link to choose a new password (valid ${RESET_HOURS} hours, works once):\n\n${url}\n`,
  });
  return { error: null, link: { url, mailed, what: `Password reset link for ${outcome.email}, valid ${RESET_HOURS} hours, works once` } };
}

function scopeText(grant: { portfolio: string | null; clusterId: string | null }): string {
  return grant.portfolio ? portfolioLabel(grant.portfolio) : grant.clusterId ?? "all";
}

export default function PeoplePage({ loaderData, actionData }: Route.ComponentProps) {
  const { people, pending, admin, roles, portfolios } = loaderData;
  const confirmRemove = actionData && "confirmRemove" in actionData ? actionData.confirmRemove : null;
  const toRemove = confirmRemove ? people.flatMap((p) => p.grants.filter((g) => g.id === confirmRemove).map((g) => ({ person: p, grant: g })))[0] : null;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>People and roles</h1>
      {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
      {actionData && "done" in actionData && actionData.done && <p className="notice" role="status">{actionData.done}</p>}
      {toRemove && (
        <Form method="post" className="notice" aria-label="Confirm removing a role">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="grantId" value={toRemove.grant.id} />
          <input type="hidden" name="confirm" value="yes" />
          <p>Remove {ROLE_NAMES[toRemove.grant.role]} of {scopeText(toRemove.grant)} from {toRemove.person.name}? They lose what it gave them at once.</p>
          <button type="submit">Yes, remove the role</button> <a href="/people">Keep it</a>
        </Form>
      )}
      {actionData?.link && (
        <section className="notice" role="status" aria-labelledby="link-h">
          <h2 id="link-h">{actionData.link.what}</h2>
          <p>{actionData.link.mailed ? "It was mailed to the person; you can also copy it:" : "No mail service is set up: copy the link and give it to the person."}</p>
          <input readOnly value={actionData.link.url} aria-label="Link to copy" className="link-copy" />
        </section>
      )}
      <Form method="post" className="upload-form" aria-labelledby="invite-h" name="invite">
        <h2 id="invite-h">Invite someone</h2>
        <input type="hidden" name="intent" value="invite" />
        <label>Email <input type="email" name="email" required /></label>
        <label>Name <input name="name" required /></label>
        <label>
          Role
          <select name="role" required defaultValue="policyMaker">
            {roles.map((r) => <option key={r} value={r}>{ROLE_NAMES[r]}</option>)}
          </select>
        </label>
        <label>
          Portfolio (coordinator, policy maker){portfolios ? `: one of ${portfolios.join(", ")}` : ""}
          <input name="portfolio" />
        </label>
        <label>
          Cluster id (cluster manager)
          <input name="clusterId" />
        </label>
        <button type="submit" disabled={busy}>Create the invitation link</button>
      </Form>
      {pending.length > 0 && (
        <TableScroll label="Pending invitations">
          <table>
            <caption>{pending.length} pending invitation(s)</caption>
            <thead><tr><th scope="col">Invited</th><th scope="col">Role</th><th scope="col">By</th><th scope="col">Link works until</th><th scope="col"><span className="visually-hidden">Revoke</span></th></tr></thead>
            <tbody>
              {pending.map((i) => (
                <tr key={i.key}>
                  <th scope="row">{i.name} <span className="muted">{i.email}</span></th>
                  <td>{ROLE_NAMES[i.grant.role]}: {scopeText(i.grant)}</td>
                  <td>{i.invitedBy ?? "–"}</td>
                  <td>{i.expiresOn}</td>
                  <td>
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="key" value={i.key} />
                      <button type="submit" className="link-button" aria-label={`Revoke the invitation of ${i.email}`}>revoke</button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <TableScroll label="People">
        <table>
          <caption>{people.length} people</caption>
          <thead>
            <tr><th scope="col">Person</th><th scope="col">Roles</th>{admin && <th scope="col">Password</th>}</tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name} <span className="muted">{p.email}{p.active ? "" : " · has not set a password"}</span></th>
                <td>
                  <ul className="plain">
                    {p.grants.map((g) => (
                      <li key={g.id}>
                        {ROLE_NAMES[g.role]}: {scopeText(g)}{" "}
                        {g.removable && (
                          <Form method="post" className="inline">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="grantId" value={g.id} />
                            <button type="submit" className="link-button" aria-label={`Remove ${ROLE_NAMES[g.role]} ${scopeText(g)} from ${p.name}`}>remove</button>
                          </Form>
                        )}
                      </li>
                    ))}
                  </ul>
                </td>
                {admin && (
                  <td>
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="reset" />
                      <input type="hidden" name="userId" value={p.id} />
                      <button type="submit" className="link-button" aria-label={`Create a password reset link for ${p.name}`}>reset link</button>
                    </Form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
