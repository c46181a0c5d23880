import { isRouteErrorResponse, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration } from "react-router";
import type { Route } from "./+types/root";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: "/styles.css" }];

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <header className="site-header">
          <a className="brand" href="/scorecard">RCES</a>
          <nav aria-label="Main">
            <ul>
              <li><NavLink to="/scorecard">Scorecard</NavLink></li>
              <li><NavLink to="/clusters">Clusters</NavLink></li>
              <li><NavLink to="/import">Import</NavLink></li>
              <li><NavLink to="/methodology">Methodology</NavLink></li>
            </ul>
          </nav>
        </header>
        <main id="main">{children}</main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** Our own thrown messages are for users; the router's internal ones ("Error: No route ...") are not. */
function errorText(status: number, detail: unknown): string {
  if (typeof detail === "string" && detail && !detail.startsWith("Error:")) return detail;
  return status === 404 ? "There is no page at this address." : "The request could not be handled.";
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  // Never a stack trace or SQL to the user: a status and a sentence.
  if (isRouteErrorResponse(error)) {
    return (
      <section className="error-page">
        <h1>{error.status === 404 ? "Not found" : error.status === 400 ? "Bad request" : `Error ${error.status}`}</h1>
        <p>{errorText(error.status, error.data)}</p>
        <p><a href="/scorecard">Back to the scorecard</a></p>
      </section>
    );
  }
  return (
    <section className="error-page">
      <h1>Something went wrong</h1>
      <p>The server could not complete this request. Nothing you entered was lost; try again, and if it persists tell your administrator the time it happened.</p>
      <p><a href="/scorecard">Back to the scorecard</a></p>
    </section>
  );
}
