import type { ReactNode } from "react";
import { Form, useActionData } from "react-router";

/** What a page's action answers when a form's step is refused: the message, and which form posted it. */
export type ActionAnswer = { error?: string | null; anchor?: string | null; intent?: string | null };

/**
 * A form posting one intent of the program page, with the ids and the revision the page saw as
 * hidden fields (the revision is how "changed meanwhile" is noticed). Works without JavaScript.
 * `anchor`: the id of the part of the page it belongs to. The answer comes back there (the page
 * keeps its place, and a redirect without JavaScript scrolls to it), and a refusal is shown next
 * to the form as well as at the top.
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
  const refusedHere = anchor !== undefined && answer?.error && answer.anchor === anchor && answer.intent === intent;
  return (
    <Form method="post" className={className} aria-label={label} preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      {anchor && <input type="hidden" name="anchor" value={anchor} />}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {refusedHere && <p className="errors" role="alert">{answer.error}</p>}
    </Form>
  );
}
