import { useEffect, useState, type ReactNode } from "react";
import { Form, useActionData, useLocation } from "react-router";

/** What a page's action answers when a form's step is refused: the message, and which form posted it. */
export type ActionAnswer = { error?: string | null; formKey?: string | null };

/**
 * A form posting one intent of the program page, with the ids and the revision the page saw as
 * hidden fields (the revision is how "changed meanwhile" is noticed). Works without JavaScript.
 * A refusal is shown next to the form that posted it (told by its key: the intent and its ids).
 * `anchor`: the id of the part of the page it belongs to. With JavaScript the page keeps its place
 * (unless `keepPlace` is false: the page then goes to its top, where the page says what was done);
 * without it, the form posts to the address with the anchor as its fragment, so a refusal opens
 * there, and so does the page after the redirect (a redirect without a fragment keeps the one it
 * was reached with). Only until the page is hydrated: with JavaScript nothing jumps.
 */
export function ActionForm({
  intent,
  fields = {},
  label,
  anchor,
  keepPlace = true,
  className = "inline-form",
  children,
}: {
  intent: string;
  fields?: Record<string, string | number>;
  label?: string;
  anchor?: string;
  keepPlace?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const answer = useActionData() as ActionAnswer | undefined;
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const formKey = formKeyFor(intent, fields);
  const refusedHere = answer?.error && answer.formKey === formKey;
  const location = useLocation();
  const withoutScript = anchor !== undefined && !hydrated;
  return (
    <Form method="post" className={className} aria-label={label} preventScrollReset={keepPlace} action={withoutScript ? `${location.pathname}${location.search}#${anchor}` : undefined}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formKey" value={formKey} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {refusedHere && <p className="errors" role="alert">{answer.error}</p>}
    </Form>
  );
}

/** A form's key: its intent and ids (not the revision, which a refusal may be about). */
function formKeyFor(intent: string, fields: Record<string, string | number>): string {
  return [intent, ...Object.entries(fields).filter(([name]) => name !== "revision").map(([, value]) => String(value))].join(":");
}

/** A folded section of forms (details and summary) that opens by itself when the last answer refused one of them, to show why. */
export function Fold({ summary, forms, children }: { summary: string; forms: ReadonlyArray<{ intent: string; fields: Record<string, string | number> }>; children: ReactNode }) {
  const answer = useActionData() as ActionAnswer | undefined;
  const refused = Boolean(answer?.error && forms.some((f) => answer.formKey === formKeyFor(f.intent, f.fields)));
  return (
    <details open={refused || undefined}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
