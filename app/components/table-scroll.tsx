import type { ReactNode } from "react";

/**
 * A wide table scrolls sideways inside its own box on a phone. The box is a named region that
 * takes keyboard focus, so the hidden columns can be reached with the arrow keys too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
