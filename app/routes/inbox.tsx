import { data, Form, Link } from "react-router";
import { z } from "zod";
import { requireViewer } from "~/auth/session.server";
import { describeIssues, readForm } from "~/forms.server";
import { inboxOf, markRead } from "~/inbox.server";
import { DEFAULT_LABEL_RULES_ID, getLabelRules } from "~/labels.server";
import { todayIso } from "~/scorecard/dates";
import type { Route } from "./+types/inbox";

export const meta: Route.MetaFunction = () => [{ title: "Inbox · RCES" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const messages = await inboxOf(viewer.userId);
  const rules = await getLabelRules(DEFAULT_LABEL_RULES_ID);
  return {
    messages: messages.map((m) => ({ ...m, createdAt: todayIso(m.createdAt), read: m.readAt !== null })),
    reminderDays: rules?.reminderDays ?? [],
  };
}

const actionSchema = z.object({ intent: z.literal("read"), id: z.union([z.literal("all"), z.string().regex(/^\d{1,12}$/, "must be a message number").transform(Number)]) });

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  const parsed = actionSchema.safeParse(await readForm(request));
  if (!parsed.success) return data({ error: `Not done: ${describeIssues(parsed.error)}.` }, { status: 400 });
  const found = await markRead(viewer.userId, parsed.data.id === "all" ? null : parsed.data.id);
  return found ? { error: null } : data({ error: "No such message." }, { status: 404 });
}

export default function InboxPage({ loaderData, actionData }: Route.ComponentProps) {
  const { messages, reminderDays } = loaderData;
  // "90, 60 and 30 days before a label expires, and on the day it expires"
  const before = reminderDays.filter((d) => d > 0);
  const days = before.length > 1 ? `${before.slice(0, -1).join(", ")} and ${before.at(-1)}` : `${before[0] ?? ""}`;
  const when = [before.length ? `${days} days before a label expires` : "", reminderDays.includes(0) ? "on the day it expires" : ""].filter(Boolean).join(", and ");
  const unread = messages.filter((m) => !m.read).length;
  return (
    <>
      <h1>Inbox</h1>
      <p className="lead">{unread === 0 ? "Nothing unread." : `${unread} unread.`} {when && `Label reminders arrive here ${when}.`}</p>
      {actionData?.error && <p className="errors" role="alert">{actionData.error}</p>}
      {unread > 1 && (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="read" />
          <input type="hidden" name="id" value="all" />
          <button type="submit" className="secondary">Mark all read</button>
        </Form>
      )}
      {messages.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <ul className="plain inbox">
          {messages.map((m) => (
            <li key={m.id} className={m.read ? "read" : "unread"}>
              <article aria-labelledby={`m-${m.id}`}>
                <h2 id={`m-${m.id}`}>{!m.read && <span className="visually-hidden">Unread: </span>}{m.title}</h2>
                <p>{m.body}</p>
                <p className="muted">
                  {m.createdAt}
                  {m.link && <> · <Link to={m.link}>Open</Link></>}
                </p>
                {!m.read && (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={m.id} />
                    <button type="submit" className="link-button">Mark read</button>
                  </Form>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
