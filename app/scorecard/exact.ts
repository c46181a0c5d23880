// Exact rational arithmetic on the decimal values as written. Lights, scores and key facts are
// published numbers: a binary floating-point round-off must never move a light or a rounding.

export type Rational = { readonly num: bigint; readonly den: bigint };

const DECIMAL = /^([+-]?)(\d+)(?:[.,](\d+))?$/;

/** Parses "1.64", "1,64", "-3", "12" (the file's own text, trimmed); null when it is no decimal. */
export function parseDecimal(text: string): Rational | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const digits = BigInt(whole + fraction);
  return { num: sign === "-" ? -digits : digits, den: 10n ** BigInt(fraction.length) };
}

/** The decimal text a user wrote, normalised to a '.' mark ("1,5" -> "1.5"). */
export function normaliseDecimalText(text: string): string {
  return text.replace(",", ".");
}

/** A JSON number of a catalogue (a threshold) as the exact decimal it spells. */
export function rationalFromNumber(value: number): Rational {
  const text = String(value);
  const [mantissa, exponentText] = text.split("e");
  const parsed = parseDecimal(mantissa ?? "");
  if (!parsed) throw new Error(`not a finite number: ${text}`);
  const exponent = exponentText ? Number(exponentText) : 0;
  return exponent >= 0
    ? { num: parsed.num * 10n ** BigInt(exponent), den: parsed.den }
    : { num: parsed.num, den: parsed.den * 10n ** BigInt(-exponent) };
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new Error("division by zero");
  return den < 0n ? { num: -num, den: -den } : { num, den };
}

export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function add(a: Rational, b: Rational): Rational {
  if (a.den === b.den) return { num: a.num + b.num, den: a.den };
  const num = a.num * b.den + b.num * a.den;
  const den = a.den * b.den;
  const divisor = gcd(num, den) || 1n;
  return { num: num / divisor, den: den / divisor };
}

export function multiply(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

export function divide(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den, a.den * b.num);
}

/** Rounds half-up (half away from zero) to `decimals` places and returns the JS number. */
export function roundHalfUp(value: Rational, decimals = 1): number {
  const scale = 10n ** BigInt(decimals);
  const magnitude = value.num < 0n ? -value.num : value.num;
  const rounded = (2n * magnitude * scale + value.den) / (2n * value.den);
  return Number(value.num < 0n ? -rounded : rounded) / Number(scale);
}

/** Mean of exact values, null for none. */
export function mean(values: ReadonlyArray<Rational>): Rational | null {
  if (values.length === 0) return null;
  let sum: Rational = { num: 0n, den: 1n };
  for (const value of values) sum = add(sum, value);
  return rational(sum.num, sum.den * BigInt(values.length));
}

export function toNumber(value: Rational): number {
  return Number(value.num) / Number(value.den);
}
