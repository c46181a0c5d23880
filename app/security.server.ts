import { randomBytes } from "node:crypto";
import { createContext } from "react-router";

// Security basics applied to every page and form post by the root middleware.

/** The per-response nonce that lets the framework's own inline scripts run under the CSP. */
export const nonceContext = createContext<string>("");

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Cross-site request forgery: a state-changing request must come from a page of this site. The
 * cookie is SameSite=Lax already; the Origin (or, without it, the Referer) must name this host.
 */
export function isSameOrigin(request: Request): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase())) return true;
  const source = request.headers.get("Origin") ?? request.headers.get("Referer");
  if (!source) return false;
  try {
    return new URL(source).host === new URL(request.url).host;
  } catch {
    return false;
  }
}

export function securityHeaders(headers: Headers, nonce: string): void {
  headers.set(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
}
