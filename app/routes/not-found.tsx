import { data } from "react-router";

// Unknown addresses go through the root like every page (security headers included) and end in
// the shared error page.
export function loader() {
  throw data("There is no page at this address.", { status: 404 });
}

export default function NotFound() {
  return null;
}
