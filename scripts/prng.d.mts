export function seedOf(text: string): number;
export function prng(seed: number | string): () => number;
