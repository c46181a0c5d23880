// How label states read on pages: always a symbol and a word, never a colour alone.

export const LABEL_STATUS_WORDS: Record<string, { symbol: string; word: string }> = {
  valid: { symbol: "✔", word: "valid" },
  expiringSoon: { symbol: "▲", word: "expiring soon" },
  inGrace: { symbol: "◐", word: "in grace (renewable)" },
  lapsed: { symbol: "✖", word: "lapsed" },
};

/** A label level as people write it: "Bronze", not the stored "BRONZE". */
export function levelWord(level: string): string {
  return level.charAt(0) + level.slice(1).toLowerCase();
}
