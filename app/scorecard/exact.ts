// Exact rational arithmetic on the decimal values as written. Lights, scores and key facts are
// published numbers: a binary floating-point round-off must never move a light or a rounding.

export type Rational = { readonly num: bigint; readonly den: bigint };

const DECIMAL = /^([+-]?)(\d+)(?:[.,](\d+))?$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

/** Parses "1.64", "1,64", "-3", "12" (the file's own text, trimmed); null when it is no decimal. */
export function parseDecimal(text: string): Rational | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const digits = BigInt(whole + fraction);
  return { num: sign === "-" ? -digits : digits, den: 10n ** BigInt(fraction.length) };
}

/**
 * True when a decimal text has at most 15 digits. Such decimals convert to distinct doubles in
 * the same order (IEEE 754 double keeps 15 significant decimal digits), so comparing them as JS
 * numbers is exact: the fast path for lights, with the exact path for anything longer.
 */
export function comparableAsDouble(text: string): boolean {
  // The shape of a normalised decimal (sign, digits, optional '.' and digits), checked inline
  // because this runs for every light.
  let i = text.charCodeAt(0) === 43 || text.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let mark = false;
  let digitsAfterMark = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (mark) digitsAfterMark++;
    } else if (c === 46 && !mark && digits > 0) {
      mark = true; // '.' only: Number() reads no ','
    } else return false;
  }
  return digits > 0 && digits <= 15 && (!mark || digitsAfterMark > 0);
}

/** The decimal text a user wrote, normalised to a '.' mark ("1,5" -> "1.5"). */
export function normaliseDecimalText(text: string): string {
  return text.includes(",") ? text.replace(",", ".") : text;
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

export function gcd(a: bigint, b: bigint): bigint {
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

/**
 * Exact sum over a common denominator (the lcm of the values' denominators), left unreduced.
 * Values such as members x 100 / potential have many small denominators; reducing after every
 * addition would run Euclid on ever larger numbers.
 */
export function sum(values: Iterable<Rational>): Rational {
  const byDenominator = new Map<bigint, bigint>();
  for (const value of values) byDenominator.set(value.den, (byDenominator.get(value.den) ?? 0n) + value.num);
  let common = 1n;
  for (const den of byDenominator.keys()) common = (common / gcd(den, common)) * den;
  let num = 0n;
  for (const [den, part] of byDenominator) num += part * (common / den);
  return { num, den: common };
}

/** Mean of exact values, null for none. */
export function mean(values: ReadonlyArray<Rational>): Rational | null {
  if (values.length === 0) return null;
  const total = sum(values);
  return rational(total.num, total.den * BigInt(values.length));
}

export function toNumber(value: Rational): number {
  return Number(value.num) / Number(value.den);
}

/**
 * The mean of decimal texts, rounded half-up to one decimal, exactly. Fast path: the values as
 * integers at a common scale, summed in doubles while every intermediate stays a safe integer;
 * otherwise the BigInt path. Blank (null) values are left out; null when there are none.
 */
export function meanOfDecimalTexts(texts: ReadonlyArray<string | null>): number | null {
  let count = 0;
  let scale = 0;
  let total = 0; // the sum x 10^scale, an integer
  for (const text of texts) {
    if (text === null) continue;
    if (!comparableAsDouble(text) || text.startsWith("-")) return exactMean(texts);
    const dot = text.indexOf(".");
    const decimals = dot < 0 ? 0 : text.length - dot - 1;
    if (decimals > scale) {
      total *= 10 ** (decimals - scale);
      scale = decimals;
    }
    // value x 10^scale is an integer below 10^15: the product's error is far below 0.5
    total += Math.round(Number(text) * 10 ** scale);
    count++;
    if (total > 2 ** 48) return exactMean(texts);
  }
  if (count === 0) return null;
  // half-up to one decimal: floor((20 x total + d) / (2 x d)) / 10 with d = count x 10^scale
  const d = count * 10 ** scale;
  const numerator = 20 * total + d;
  const denominator = 2 * d;
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) return exactMean(texts);
  let quotient = Math.floor(numerator / denominator);
  if (quotient * denominator > numerator) quotient -= 1;
  else if ((quotient + 1) * denominator <= numerator) quotient += 1;
  return quotient / 10;
}

function exactMean(texts: ReadonlyArray<string | null>): number | null {
  const values = texts.flatMap((t) => (t === null ? [] : [parseDecimal(t)!]));
  const result = mean(values);
  return result === null ? null : roundHalfUp(result, 1);
}

/**
 * The mean rounded half-up to one decimal, as `roundHalfUp(mean(exact()), 1)` gives, without its
 * cost where it is not needed: unless the doubles' mean lies within its error bound of a rounding
 * tie it rounds the same way; only then are the exact values computed.
 */
export function roundedMean(estimates: ReadonlyArray<number>, exact: () => ReadonlyArray<Rational>): number | null {
  if (estimates.length === 0) return null;
  let total = 0;
  let magnitude = 0;
  for (const estimate of estimates) {
    total += estimate;
    magnitude += Math.abs(estimate);
  }
  const tenths = (total / estimates.length) * 10;
  // Each estimate is off by a few units in the last place and every addition adds one more:
  // (count + 4) x 2^-50 of the magnitude bounds the error with room to spare.
  const margin = ((estimates.length + 4) * 2 ** -50 * magnitude * 10) / estimates.length + 1e-9;
  const fraction = tenths - Math.floor(tenths);
  if (Number.isFinite(tenths) && Math.abs(fraction - 0.5) > margin) return Math.round(tenths) / 10;
  return roundHalfUp(mean(exact())!, 1);
}
