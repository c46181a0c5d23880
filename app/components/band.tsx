import type { Light } from "~/scorecard/catalogue";
import type { LightOrMissing } from "~/scorecard/lights";

// A light or band is never told by colour alone: each carries a symbol and a word, and the
// charts use a fill pattern as well, so that greyscale prints and colour-blind readers see it.

export const LIGHT_SYMBOL: Record<LightOrMissing, string> = { green: "✔", yellow: "▲", red: "✖", missing: "?" };
export const LIGHT_WORD: Record<LightOrMissing, string> = { green: "green", yellow: "yellow", red: "red", missing: "missing" };

export function LightBadge({ light }: { light: LightOrMissing }) {
  return (
    <span className={`badge badge-${light}`}>
      <span aria-hidden="true">{LIGHT_SYMBOL[light]}</span> {LIGHT_WORD[light]}
    </span>
  );
}

export function BandBadge({ band }: { band: Light | null }) {
  return band ? <LightBadge light={band} /> : <span className="badge">no data</span>;
}

/** A score with its band and the count behind it: "47.8 ▲ yellow 89/186". */
export function ScoreValue({ score }: { score: { score: number | null; band: Light | null; green: number; cells: number } }) {
  return (
    <>
      <strong>{score.score === null ? "–" : score.score.toFixed(1)}</strong> <BandBadge band={score.band} />
      <span className="muted"> {score.green}/{score.cells}</span>
    </>
  );
}

/** SVG fill patterns per light, defined once per chart. */
export function LightPatterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-green`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="fill-green" />
      </pattern>
      <pattern id={`${id}-yellow`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" className="fill-yellow" />
        <line x1="0" y1="0" x2="0" y2="6" className="hatch" strokeWidth="2" />
      </pattern>
      <pattern id={`${id}-red`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="fill-red" />
        <circle cx="3" cy="3" r="1.2" className="dot" />
      </pattern>
      <pattern id={`${id}-missing`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="fill-missing" />
      </pattern>
    </defs>
  );
}
