import { data } from "react-router";

/** A posted form as plain fields; a body that is no form (JSON, broken multipart) is a 400, not a crash. */
export async function readForm(request: Request): Promise<Record<string, FormDataEntryValue>> {
  try {
    return Object.fromEntries(await request.formData());
  } catch {
    throw data("The request did not carry a form.", { status: 400 });
  }
}
