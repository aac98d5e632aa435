/**
 * A byte-level pre-filter for the DEX string scan: most strings of a DEX are type descriptors,
 * member names and short literals that no detector can match, and deciding that on the raw
 * MUTF-8 bytes spares decoding them and running a dozen regular expressions on each.
 *
 * `mayBeInteresting` is a superset test of the scan's own gate (dex-strings.ts): it returns false
 * only when it can prove, for an ASCII string, that the value has no '://', no known-format prefix,
 * no '=' or ':' (assignments), no 'Bearer ' prefix, and cannot be a contextual candidate (printable,
 * ≤ 256 characters, and either a digit/symbol within 64 characters or a 20+ character token). Any
 * other case (non-ASCII, malformed, odd lengths) answers true and the scan decides as before.
 */
import { KNOWN_PREFIX } from '../../../secrets/index.js';

/** Longest contextual candidate (CONTEXT_CANDIDATE in dex-strings.ts). */
export const MAX_CONTEXT_CANDIDATE = 256;
/** Longest value that counts as "short" when it holds a digit or symbol (couldBeSecretValue). */
export const MAX_SHORT_SECRET = 64;
/** Shortest random-looking token (every looksRandom charset needs at least this many characters). */
export const MIN_RANDOM_TOKEN = 20;
const MIN_VALUE = 4;
const MAX_ULEB_BYTES = 5;
const BEARER = 'Bearer ';

function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}

const DIGIT_OR_SYMBOL = table('0123456789!@#$%^&*+=?~');
const TOKEN_CHARS = table('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/_-=');

/**
 * The first two characters of every alternative of KNOWN_PREFIX: a text without any of these
 * bigrams cannot match it. Derived from the regex itself so the two never drift apart; an
 * alternative that does not start with two literal characters is a programming error.
 */
export const KNOWN_BIGRAMS: readonly string[] = KNOWN_PREFIX.source.split('|').map((alt) => {
  const head = alt.slice(0, 2);
  if (head.length < 2 || /[\\[\](){}.*+?^$|]/.test(head))
    throw new Error(`KNOWN_PREFIX alternative ${alt} does not start with two literal characters`);
  return head;
});

const BIGRAM = new Uint8Array(1 << 14);
for (const b of KNOWN_BIGRAMS) BIGRAM[(b.charCodeAt(0) << 7) | b.charCodeAt(1)] = 1;

/** False only when the string_data_item at `off` provably cannot pass the scan's gate. */
export function mayBeInteresting(b: Uint8Array, off: number): boolean {
  let p = off;
  let units = 0;
  for (let i = 0, shift = 0; ; i++, shift += 7) {
    if (i === MAX_ULEB_BYTES || p >= b.length) return true;
    const x = b[p++];
    units += (x & 0x7f) * 2 ** shift;
    if (x < 0x80) break;
  }
  // Every decoded string has exactly its declared length (or fails to decode): too short either way.
  if (units < MIN_VALUE) return false;
  if (p + units >= b.length) return true;
  let printable = true;
  let digitOrSymbol = false;
  let token = true;
  let prev = 0;
  for (let k = 0; k < units; k++) {
    const x = b[p + k];
    if (x === 0 || x >= 0x80) return true; // non-ASCII or shorter than declared: the scan decides
    if (x === 0x3a || x === 0x3d) return true; // ':' ('://', assignments) or '='
    if (BIGRAM[(prev << 7) | x] === 1) return true;
    if (x < 0x21 || x > 0x7e) printable = false;
    if (DIGIT_OR_SYMBOL[x] === 1) digitOrSymbol = true;
    if (TOKEN_CHARS[x] === 0) token = false;
    prev = x;
  }
  if (b[p + units] !== 0) return true;
  if (units > BEARER.length && startsWith(b, p, BEARER)) return true;
  if (!printable || units > MAX_CONTEXT_CANDIDATE) return false;
  // A type descriptor (/^L[\w/$]+;$/) is code to looksLikeCodeOrLabel, and its ';' is no token character.
  if (isDescriptor(b, p, units)) return false;
  if (digitOrSymbol && units <= MAX_SHORT_SECRET) return true;
  return token && units >= MIN_RANDOM_TOKEN;
}

const DESCRIPTOR_BODY = table('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_/$');
const L = 0x4c;
const SEMICOLON = 0x3b;

function isDescriptor(b: Uint8Array, p: number, units: number): boolean {
  if (units < 3 || b[p] !== L || b[p + units - 1] !== SEMICOLON) return false;
  for (let k = 1; k < units - 1; k++) if (DESCRIPTOR_BODY[b[p + k]] !== 1) return false;
  return true;
}

function startsWith(b: Uint8Array, p: number, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (b[p + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** Characters of a bare host name or IPv4 address with an optional port (urls.ts bareHost). */
const HOST_CHARS = table('abcdefghijklmnopqrstuvwxyz0123456789.-:');
const COLON = 0x3a;
const EQUALS = 0x3d;
const DOT = 0x2e;
/** bareHost's length bounds. */
const MIN_HOST = 4;
const MAX_HOST = 253;

/**
 * The literal head of every KNOWN_PREFIX alternative, up to three characters (two where the third
 * is a character class or an escape): resource strings are prose, where the bigrams 'ey', 'ke',
 * 'ho' and 'gi' are everywhere, so the resource filter asks for the third character too.
 */
const KNOWN_HEADS: readonly string[] = KNOWN_PREFIX.source.split('|').map((alt) => {
  let head = '';
  for (const c of alt) {
    if (head.length === 3 || /[\\[\](){}.*+?^$|]/.test(c)) break;
    head += c;
  }
  return head;
});
/** For a bigram that starts a head: 1 when the bigram alone may match, 2 when a third character must follow. */
const HEAD2 = new Uint8Array(1 << 14);
/** Third characters by bigram, for the heads of three. */
const HEAD3 = new Map<number, Set<number>>();
for (const h of KNOWN_HEADS) {
  const k = (h.charCodeAt(0) << 7) | h.charCodeAt(1);
  if (h.length === 2) HEAD2[k] = 1;
  else {
    if (HEAD2[k] !== 1) HEAD2[k] = 2;
    const set = HEAD3.get(k) ?? new Set<number>();
    set.add(h.charCodeAt(2));
    HEAD3.set(k, set);
  }
}

/**
 * A byte-level pre-filter for the resource string scan (res-files.ts): false only when the string
 * in `b[start, end)` — UTF-8 bytes, or UTF-16LE code units when `utf16` — provably gives nothing to
 * `scanText` and no URL or bare host: it has no ':' (URLs, '://', assignments), no '=' (assignments),
 * no bigram that starts a known credential format (KNOWN_PREFIX), and is not made only of lower-case
 * host characters with a '.'. Every one of those tests needs an ASCII character, and no byte of a
 * multi-byte UTF-8 character or unit of a non-ASCII UTF-16 character is ASCII, so non-ASCII text
 * needs no decoding to be ruled out. (Named secrets depend on the resource's name: not judged here.)
 */
export function resourceStringMayMatch(b: Uint8Array, start: number, end: number, utf16: boolean): boolean {
  const step = utf16 ? 2 : 1;
  const chars = (end - start) / step;
  let prev2 = 0x80;
  let prev = 0x80;
  let hostChars = chars >= MIN_HOST && chars <= MAX_HOST;
  let dot = false;
  for (let p = start; p < end; p += step) {
    const x = utf16 && b[p + 1] !== 0 ? 0x80 : b[p];
    if (x === COLON || x === EQUALS) return true;
    if (x < 0x80 && prev < 0x80) {
      if (HEAD2[(prev << 7) | x] === 1) return true;
      if (prev2 < 0x80 && HEAD2[(prev2 << 7) | prev] === 2 && HEAD3.get((prev2 << 7) | prev)?.has(x))
        return true;
    }
    if (x >= 0x80 || HOST_CHARS[x] === 0) hostChars = false;
    else if (x === DOT) dot = true;
    prev2 = prev;
    prev = x;
  }
  return hostChars && dot;
}
