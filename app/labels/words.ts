// How label states read on pages: always a symbol and a word, never a colour alone.

export const LABEL_STATUS_WORDS: Record<string, { symbol: string; word: string }> = {
  valid: { symbol: "✔", word: "valid" },
  expiringSoon: { symbol: "▲", word: "expiring soon" },
  inGrace: { symbol: "◐", word: "in grace (renewable)" },
  lapsed: { symbol: "✖", word: "lapsed" },
};
