import { data } from "react-router";
import { z } from "zod";

/**
 * A posted form as plain fields; a field sent more than once (checkboxes) as a list. A body that
 * is no form (JSON, broken multipart) is a 400, not a crash.
 */
export async function readForm(request: Request): Promise<Record<string, FormDataEntryValue | Array<FormDataEntryValue>>> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data("The request did not carry a form.", { status: 400 });
  }
  const fields: Record<string, FormDataEntryValue | Array<FormDataEntryValue>> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    fields[key] = values.length === 1 ? values[0]! : values;
  }
  return fields;
}

/** Checkboxes of one name: none, one or several ticked, always a list. */
export const checkboxes = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));

/** A number typed into a form: digits with '.' or ',' as the decimal mark; blank is not 0. */
export const decimalField = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .regex(/^-?\d+(?:[.,]\d+)?$/, "must be a number such as 1.6")
  // Beyond 15 digits a number no longer keeps its value exactly (it would be stored rounded).
  .refine((text) => text.replace(/^-/, "").replace(/^0+(?=\d)/, "").replace(/[.,]/, "").length <= 15, "must be a number of at most 15 digits")
  .transform((text) => Number(text.replace(",", ".")));

/** Zod's wording for what the person can act on: "target must be a number such as 1.6". */
function plainMessage(message: string): string {
  if (/received undefined$/.test(message)) return "is required";
  if (/expected number, received NaN$/.test(message)) return "must be a number";
  if (/^Invalid option: expected one of/.test(message)) return `must be one of ${message.replace(/^Invalid option: expected one of /, "")}`;
  if (/^Invalid input: expected string, received array$/.test(message)) return "was sent more than once";
  if (message === "Invalid input") return "has a value that is not allowed here";
  return message;
}

/** Which field failed and why, in words: "target must be a number; dueDate is required". */
export function describeIssues(error: z.ZodError, labels: Record<string, string> = {}): string {
  return error.issues
    .map((i) => {
      const field = i.path.length ? labels[String(i.path[0])] ?? i.path.join(".") : "the form";
      return `${field} ${plainMessage(i.message)}`;
    })
    .join("; ");
}

/** Which form posted (ActionForm's key of its intent and ids), so that a refusal is shown next to it; null if none. */
export function formKeyOf(form: Record<string, FormDataEntryValue | Array<FormDataEntryValue>>): string | null {
  return typeof form.formKey === "string" ? form.formKey.slice(0, 300) : null;
}
