// A small seeded PRNG (mulberry32) for the deterministic demo and bench data: no Math.random.

/** A number seed from a text (FNV-1a), so that a seed can name what it is for. */
export function seedOf(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619);
  return h >>> 0;
}

/** Numbers in [0, 1), the same sequence for the same seed. */
export function prng(seed) {
  let a = (typeof seed === "string" ? seedOf(seed) : seed) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
