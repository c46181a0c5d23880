import { Form, isRouteErrorResponse, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "react-router";
import { useEffect } from "react";
import type { Route } from "./+types/root";
import { viewerContext, viewerFromRequest } from "./auth/session.server";
import { coordinatesAny, isAdmin, labelPortfolios, mayUseImport, ROLE_NAMES } from "./auth/roles";
import { unreadCount } from "./inbox.server";
import { isSameOrigin, newNonce, nonceContext, securityHeaders } from "./security.server";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: "/styles.css" },
  { rel: "icon", href: "/favicon.ico" },
];

// Every request: refuse cross-site form posts, find the signed-in viewer once, and send the
// security headers with a fresh CSP nonce.
export const middleware: Route.MiddlewareFunction[] = [
  async ({ request, context }, next) => {
    if (!isSameOrigin(request)) {
      return new Response("This form was sent from another site and was refused.", { status: 403 });
    }
    const nonce = newNonce();
    context.set(nonceContext, nonce);
    context.set(viewerContext, await viewerFromRequest(request));
    const response = await next();
    securityHeaders(response.headers, nonce);
    return response;
  },
];

export async function loader({ context }: Route.LoaderArgs) {
  const viewer = context.get(viewerContext);
  return {
    nonce: context.get(nonceContext),
    viewer: viewer && {
      name: viewer.name,
      roles: [...new Set(viewer.grants.map((g) => ROLE_NAMES[g.role]))],
      mayActFor: mayUseImport(viewer),
      managesPeople: coordinatesAny(viewer),
      monitorsLabels: isAdmin(viewer) || labelPortfolios(viewer).length > 0,
      unread: await unreadCount(viewer.userId),
    },
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const viewer = data?.viewer;
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
          {viewer && (
            <nav aria-label="Main">
              <ul>
                <li><NavLink to="/scorecard">Scorecard</NavLink></li>
                <li><NavLink to="/clusters">Clusters</NavLink></li>
                {viewer.mayActFor && <li><NavLink to="/import">Import</NavLink></li>}
                <li><NavLink to="/methodology">Methodology</NavLink></li>
                <li><NavLink to="/programs">Programs</NavLink></li>
                {viewer.monitorsLabels && <li><NavLink to="/labels">Labels</NavLink></li>}
                <li>
                  <NavLink to="/inbox">
                    Inbox{viewer.unread > 0 && <> <span className="count">{viewer.unread}</span><span className="visually-hidden"> unread</span></>}
                  </NavLink>
                </li>
                {viewer.managesPeople && <li><NavLink to="/people">People</NavLink></li>}
                {viewer.managesPeople && <li><NavLink to="/audit">Audit</NavLink></li>}
              </ul>
            </nav>
          )}
          {viewer ? (
            <Form method="post" action="/logout" className="account">
              <span className="muted">{viewer.name} · {viewer.roles.join(", ")}</span>{" "}
              <button type="submit" className="link-button">Sign out</button>
            </Form>
          ) : null}
        </header>
        <main id="main">{children}</main>
        <ScrollRestoration nonce={data?.nonce} />
        <Scripts nonce={data?.nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // A mark that the page is hydrated: before it, React may still reset what was typed into a form
  // (tests wait for it; people never notice the first few hundred milliseconds).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return <Outlet />;
}

const ERROR_TITLES: Record<number, string> = {
  400: "This request could not be read",
  403: "Not allowed",
  404: "Not found",
  410: "This link no longer works",
};

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
        <h1>{ERROR_TITLES[error.status] ?? `Error ${error.status}`}</h1>
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
