/**
 * Shannon entropy and character classes of candidate tokens. Hot path: one pass, no allocation
 * beyond a small reusable counts table.
 */

/** Which alphabet a token is drawn from (the smallest that fits). */
export type Charset = 'hex' | 'base64' | 'alnum' | 'other';

const counts = new Uint32Array(128);

/** Shannon entropy in bits per character (0 for ''); characters ≥ 128 share one bucket. */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    counts[c < 128 ? c : 127]++;
  }
  let h = 0;
  for (let c = 0; c < 128; c++) {
    const k = counts[c];
    if (k === 0) continue;
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

const HEX = /^[0-9a-fA-F]+$/;
const ALNUM = /^[0-9A-Za-z]+$/;
const BASE64 = /^[0-9A-Za-z+/_-]+={0,2}$/;

export function charsetOf(s: string): Charset {
  if (HEX.test(s)) return 'hex';
  if (ALNUM.test(s)) return 'alnum';
  if (BASE64.test(s)) return 'base64';
  return 'other';
}

/** Minimum length and entropy (bits/char) for a token of each charset to count as random. */
export const ENTROPY_THRESHOLDS: Record<Exclude<Charset, 'other'>, { minLength: number; minBits: number }> = {
  hex: { minLength: 32, minBits: 3.0 },
  alnum: { minLength: 20, minBits: 3.7 },
  base64: { minLength: 20, minBits: 3.9 },
};

const MIN_RANDOM_LENGTH = Math.min(...Object.values(ENTROPY_THRESHOLDS).map((t) => t.minLength));
const MAX_RANDOM_LENGTH = 512;

const HAS_DIGIT = /[0-9]/;
const HAS_UPPER = /[A-Z]/;
const HAS_LOWER = /[a-z]/;
const HAS_HEX_LETTER = /[a-fA-F]/;

/**
 * True when `s` looks like a random machine-generated token: a token charset, long enough, high
 * entropy, and mixed character classes (random 20+ character strings almost always mix them).
 */
export function looksRandom(s: string): boolean {
  // Shorter than every charset's minimum (or too long): no need to classify the characters.
  if (s.length < MIN_RANDOM_LENGTH || s.length > MAX_RANDOM_LENGTH) return false;
  const cs = charsetOf(s);
  if (cs === 'other') return false;
  const t = ENTROPY_THRESHOLDS[cs];
  if (s.length < t.minLength) return false;
  if (cs === 'hex') {
    if (!HAS_DIGIT.test(s) || !HAS_HEX_LETTER.test(s)) return false;
  } else {
    const classes = Number(HAS_DIGIT.test(s)) + Number(HAS_UPPER.test(s)) + Number(HAS_LOWER.test(s));
    if (classes < 3 && !(classes === 2 && HAS_DIGIT.test(s))) return false;
  }
  return shannonEntropy(s) >= t.minBits;
}
