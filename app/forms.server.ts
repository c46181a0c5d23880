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
