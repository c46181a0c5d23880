import { useEffect, useState, type ReactNode } from "react";
import { Form, useActionData } from "react-router";

/** What a page's action answers when a form's step is refused: the message, and which form posted it. */
export type ActionAnswer = { error?: string | null; formKey?: string | null };

/**
 * A form posting one intent of the program page, with the ids and the revision the page saw as
 * hidden fields (the revision is how "changed meanwhile" is noticed). Works without JavaScript.
 * A refusal is shown next to the form that posted it (told by its key: the intent and its ids),
 * as well as at the top. `anchor`: the id of the part of the page it belongs to. With JavaScript
 * the page simply keeps its place; without it, the redirect after the step returns to the anchor
 * (so the anchor is sent only until the page is hydrated).
 */
export function ActionForm({
  intent,
  fields = {},
  label,
  anchor,
  className = "inline-form",
  children,
}: {
  intent: string;
  fields?: Record<string, string | number>;
  label?: string;
  anchor?: string;
  className?: string;
  children: ReactNode;
}) {
  const answer = useActionData() as ActionAnswer | undefined;
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const formKey = [intent, ...Object.entries(fields).filter(([name]) => name !== "revision").map(([, value]) => String(value))].join(":");
  const refusedHere = answer?.error && answer.formKey === formKey;
  return (
    <Form method="post" className={className} aria-label={label} preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formKey" value={formKey} />
      {anchor && !hydrated && <input type="hidden" name="anchor" value={anchor} />}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {refusedHere && <p className="errors" role="alert">{answer.error}</p>}
    </Form>
  );
}
