import type { ReactNode } from "react";
import { Form } from "react-router";

/**
 * A form posting one intent of the program page, with the ids and the revision the page saw as
 * hidden fields (the revision is how "changed meanwhile" is noticed). Works without JavaScript.
 */
export function ActionForm({
  intent,
  fields = {},
  label,
  className = "inline-form",
  children,
}: {
  intent: string;
  fields?: Record<string, string | number>;
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" className={className} aria-label={label}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </Form>
  );
}
