/**
 * A byte-level pre-filter for the DEX string scan: most strings of a DEX are type descriptors,
 * member names and short literals that no detector can match, and deciding that on the raw
 * MUTF-8 bytes spares decoding them and running a dozen regular expressions on each.
 *
 * `mayBeInteresting` is a superset test of the scan's own gate (dex-strings.ts `stringGate`): it
 * returns false only when it can prove, for an ASCII string, that the value
 * - has no '://' (URLs),
 * - has no head of a known-format prefix (the first three characters, or character classes, of
 *   every KNOWN_PREFIX alternative),
 * - is no assignment (a ':' or '=' in a value of 9+ characters that names a secret: ASSIGNMENT_HINT),
 * - has no 'Bearer ' prefix,
 * - and cannot be a contextual candidate: printable, ≤ 256 characters, and either a digit/symbol
 *   within 64 characters or a 20+ character token with a digit (`looksRandom` needs a digit in
 *   every charset).
 * A string with non-ASCII characters is never a contextual candidate (not printable ASCII) and
 * the other tests look for ASCII text only, so its MUTF-8 is walked character by character
 * (`mayBeInterestingMutf8`). Anything else (malformed, truncated, odd lengths, an overlong
 * encoding of an ASCII character) answers true and the scan decides as before.
 */
import { KNOWN_PREFIX } from '../../../secrets/index.js';
import { ASCII, MATCH, MATCHED_TEXTS, MATCHER, buildMatcher, holdsMatchedText } from './text-matcher.js';

/** Longest contextual candidate (CONTEXT_CANDIDATE in dex-strings.ts). */
export const MAX_CONTEXT_CANDIDATE = 256;
/** Longest value that counts as "short" when it holds a digit or symbol (couldBeSecretValue). */
export const MAX_SHORT_SECRET = 64;
/** Shortest random-looking token (every looksRandom charset needs at least this many characters). */
export const MIN_RANDOM_TOKEN = 20;
/** Shortest value the gate tests for an assignment ('k=v' with a secret's name). */
const MIN_ASSIGNMENT = 9;
const MIN_VALUE = 4;
const MAX_ULEB_BYTES = 5;
const BEARER = 'Bearer ';
/** Words that make a 'k=v' text an assignment worth judging (lower case; matched ignoring case). */
export const ASSIGNMENT_WORDS: readonly string[] = [
  'pass',
  'pwd',
  'secret',
  'key',
  'token',
  'bearer',
  'credential',
  'authoriz',
];
/** The DEX gate's test for ASSIGNMENT_WORDS (dex-strings.ts `stringGate`): one list for both. */
export const ASSIGNMENT_HINT = new RegExp(ASSIGNMENT_WORDS.join('|'), 'i');

function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}

const DIGIT_OR_SYMBOL_CHARS = table('0123456789!@#$%^&*+=?~');
const TOKEN_CHARS = table('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/_-=');

const COLON = 0x3a;
const EQUALS = 0x3d;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const CASE_BIT = 0x20;
/** Byte classes for `classifyString`, in the high byte of STEP's entries. */
const NOT_PRINTABLE = 1 << 8;
const DIGIT_OR_SYMBOL = 2 << 8;
const DIGIT = 4 << 8;
const NOT_TOKEN = 8 << 8;
const COLON_OR_EQUALS = 16 << 8;
/** STEP's state after a NUL or a non-ASCII byte (MATCH is the one above). */
const STOPPED = MATCH - 1;
const STATE_BITS = 0xff;
const BYTE_VALUES = 256;

/**
 * One lookup per byte for `classifyString`: `STEP[(state << 8) | byte]` holds the byte's class
 * bits (high byte) and MATCHER's next state (low byte), STOPPED for a NUL or non-ASCII byte.
 */
const STEP = new Uint16Array((MATCHER.length / ASCII) * BYTE_VALUES);
for (let st = 0; st < MATCHER.length / ASCII; st++) {
  for (let x = 0; x < BYTE_VALUES; x++) {
    let c = 0;
    if (x < 0x21 || x > 0x7e) c |= NOT_PRINTABLE;
    if (x < ASCII && DIGIT_OR_SYMBOL_CHARS[x] === 1) c |= DIGIT_OR_SYMBOL;
    if (x >= 0x30 && x <= 0x39) c |= DIGIT;
    if (x >= ASCII || TOKEN_CHARS[x] === 0) c |= NOT_TOKEN;
    if (x === COLON || x === EQUALS) c |= COLON_OR_EQUALS;
    const next = x === 0 || x >= ASCII ? STOPPED : MATCHER[(st << 7) | x];
    STEP[(st << 8) | x] = c | next;
  }
}

/** PAIR_CLASS's bit (shifted down 8, like its class bits) for a NUL or a non-ASCII byte. */
const STOP_BYTE = 32 << 8;
/** PAIR_CLASS's bit (shifted down 8) for two bytes that start one of MATCHED_TEXTS. */
const PAIR_START = 64 << 8;
const LOW7 = 0x7f;
const CLASS_SHIFT = 8;
/**
 * One lookup per byte without the automaton, by the byte before (7 bits) and the byte:
 * `PAIR_CLASS[(prev7 << 8) | byte]` holds the byte's class bits (STEP's high byte, the same in
 * every state, shifted down 8), STOP_BYTE for a NUL or non-ASCII byte, and PAIR_START when the two
 * bytes are the first two characters of one of MATCHED_TEXTS. Every one of those has two
 * characters at least, so a string without such a pair (and without a NUL or non-ASCII byte) never
 * brings the automaton to MATCH nor stops it.
 */
const PAIR_CLASS = new Uint8Array(ASCII * BYTE_VALUES);
for (let prev = 0; prev < ASCII; prev++)
  for (let x = 0; x < BYTE_VALUES; x++)
    PAIR_CLASS[(prev << 8) | x] =
      ((STEP[x] & ~STATE_BITS) | (x === 0 || x >= ASCII ? STOP_BYTE : 0)) >> CLASS_SHIFT;
for (const t of MATCHED_TEXTS) {
  if (t.length < 2) throw new Error(`matched text ${t} is shorter than two characters`);
  PAIR_CLASS[(t.charCodeAt(0) << 8) | t.charCodeAt(1)] |= PAIR_START >> CLASS_SHIFT;
}

/** STEP_NON_ASCII's state for the bytes that need a closer look: a NUL, C0, C1, E0. */
const CHECK = MATCH - 2;
const OVERLONG_C0 = 0xc0;
const OVERLONG_C1 = 0xc1;
const OVERLONG_E0 = 0xe0;
/** C0 80 is MUTF-8's NUL (U+0000), not an ASCII character in disguise. */
const NUL_SECOND = 0x80;
/** E0 80 xx and E0 81 xx encode U+0000–U+007F. */
const OVERLONG_E0_MAX = 0x81;
const MAX_MUTF8_BYTES = 3;

/**
 * STEP for a string known to hold non-ASCII bytes: a byte of a multi-byte character returns the
 * matcher to its start (no matched text has one), and the bytes that need a closer look go to CHECK.
 */
const STEP_NON_ASCII = STEP.map((t, i) => {
  const x = i & 0xff;
  if (x === 0 || x === OVERLONG_C0 || x === OVERLONG_C1 || x === OVERLONG_E0)
    return (t & ~STATE_BITS) | CHECK;
  return x >= ASCII ? t & ~STATE_BITS : t;
});

/** What `classifyString` can tell of a string on its bytes. */
export const STRING_CLASS = {
  /** Provably nothing: the gate rules it out. */
  nothing: 0,
  /** The scan decides (a URL, a known-format head, an assignment, non-ASCII or malformed data…). */
  any: 1,
  /**
   * Printable ASCII with no '://', no known-format head, no assignment and no 'Bearer ' prefix:
   * the gate can only find it a contextual candidate (or nothing).
   */
  contextual: 2,
} as const;
export type StringClass = (typeof STRING_CLASS)[keyof typeof STRING_CLASS];

/** False only when the string_data_item at `off` provably cannot pass the scan's gate. */
export function mayBeInteresting(b: Uint8Array, off: number): boolean {
  return classifyString(b, off) !== STRING_CLASS.nothing;
}

/** The string_data_item at `off` judged on its bytes (see STRING_CLASS). */
export function classifyString(b: Uint8Array, off: number): StringClass {
  let p = off;
  let units = 0;
  for (let i = 0, shift = 0; ; i++, shift += 7) {
    if (i === MAX_ULEB_BYTES || p >= b.length) return STRING_CLASS.any;
    const x = b[p++];
    units += (x & 0x7f) * 2 ** shift;
    if (x < 0x80) break;
  }
  // Every decoded string has exactly its declared length (or fails to decode): too short either way.
  if (units < MIN_VALUE) return STRING_CLASS.nothing;
  const end = p + units;
  if (end >= b.length) return STRING_CLASS.any;
  // First without the automaton (no byte depends on the one before): its class bits, and whether
  // a NUL, a non-ASCII byte or the first two characters of a matched text are there at all.
  let fast = 0;
  for (let q = p; q < end; q++) fast |= PAIR_CLASS[((b[q - 1] & LOW7) << CLASS_SHIFT) | b[q]];
  const flags = fast << CLASS_SHIFT;
  if ((flags & STOP_BYTE) !== 0) return classifyStopped(b, p, units);
  if ((flags & PAIR_START) !== 0 && holdsMatchedText(b, p, end)) return STRING_CLASS.any;
  if (b[end] !== 0) return STRING_CLASS.any;
  if (units > BEARER.length && startsWith(b, p, BEARER)) return STRING_CLASS.any;
  if ((flags & COLON_OR_EQUALS) !== 0 && units >= MIN_ASSIGNMENT && hasAssignmentWord(b, p, units))
    return STRING_CLASS.any;
  // A contextual candidate: printable, short enough, with a digit or symbol (looksRandom needs a digit).
  if ((flags & NOT_PRINTABLE) !== 0 || (flags & DIGIT_OR_SYMBOL) === 0 || units > MAX_CONTEXT_CANDIDATE)
    return STRING_CLASS.nothing;
  // A type descriptor (/^L[\w/$]+;$/) is code to looksLikeCodeOrLabel, and its ';' is no token character.
  if (isDescriptor(b, p, units)) return STRING_CLASS.nothing;
  if (units <= MAX_SHORT_SECRET) return STRING_CLASS.contextual;
  const random = (flags & NOT_TOKEN) === 0 && (flags & DIGIT) !== 0 && units >= MIN_RANDOM_TOKEN;
  return random ? STRING_CLASS.contextual : STRING_CLASS.nothing;
}

/**
 * `classifyString` for a string with a NUL or a non-ASCII byte, which stops the automaton: `any`
 * when a matched text comes before it or it is a NUL (shorter than declared), else
 * `classifyNonAscii` (never a contextual candidate).
 */
function classifyStopped(b: Uint8Array, p: number, units: number): StringClass {
  const end = p + units;
  let state = 0;
  for (let q = p; q < end; q++) {
    state = STEP[(state << 8) | b[q]] & STATE_BITS;
    if (state < STOPPED) continue;
    if (state === MATCH) return STRING_CLASS.any; // a known-format head or '://'
    if (b[q] === 0) return STRING_CLASS.any;
    return classifyNonAscii(b, p, units);
  }
  return STRING_CLASS.any; // not reached: the caller saw a NUL or non-ASCII byte before `end`
}

/**
 * `classifyString` for a string with a non-ASCII byte (read again from its start). Such a value is not printable ASCII, so only '://', a known-format head,
 * an assignment or the 'Bearer ' prefix can let it pass. When readStringData decodes the string,
 * every byte below 0x80 is one ASCII character and the others belong to multi-byte characters,
 * which break any run of ASCII text — except overlong encodings of ASCII (lead byte C1, C0 other
 * than the NUL C0 80, E0 80 / E0 81), which answer `any`. Malformed data need not be judged
 * (readStringData rejects it and the scan skips the string); a missing terminator answers `any`.
 */
function classifyNonAscii(b: Uint8Array, p: number, units: number): StringClass {
  const limit = Math.min(b.length, p + units * MAX_MUTF8_BYTES + 1);
  let state = 0;
  let flags = 0;
  let q = p;
  for (; q < limit; q++) {
    const x = b[q];
    const t = STEP_NON_ASCII[(state << 8) | x];
    flags |= t;
    state = t & STATE_BITS;
    if (state < CHECK) continue;
    if (state === MATCH) return STRING_CLASS.any;
    if (x === 0) break; // the terminator
    const y = q + 1 < b.length ? b[q + 1] : 0;
    if (
      x === OVERLONG_C1 ||
      (x === OVERLONG_C0 && y !== NUL_SECOND) ||
      (x === OVERLONG_E0 && y <= OVERLONG_E0_MAX)
    )
      return STRING_CLASS.any;
    state = 0;
  }
  if (q >= limit) return STRING_CLASS.any;
  if (units > BEARER.length && startsWith(b, p, BEARER)) return STRING_CLASS.any;
  const assignment =
    (flags & COLON_OR_EQUALS) !== 0 && units >= MIN_ASSIGNMENT && hasAssignmentWord(b, p, q - p);
  return assignment ? STRING_CLASS.any : STRING_CLASS.nothing;
}

const WORDS = ASSIGNMENT_WORDS.map((w) => Uint8Array.from(w, (c) => c.charCodeAt(0)));
const lower = (x: number): number => (x >= UPPER_A && x <= UPPER_Z ? x | CASE_BIT : x);
/** By the first two bytes (7 bits each, either case): a bit for each of ASSIGNMENT_WORDS they start. */
const WORD_BIGRAM = new Uint16Array(1 << 14);
if (WORDS.length > 16) throw new Error('WORD_BIGRAM holds 16 words at most');
WORDS.forEach((w, i) => {
  for (const a of [w[0], w[0] & ~CASE_BIT])
    for (const b of [w[1], w[1] & ~CASE_BIT]) WORD_BIGRAM[(a << 7) | b] |= 1 << i;
});

/**
 * True when the bytes [p, p + n) hold one of ASSIGNMENT_WORDS, ignoring the case of ASCII letters
 * (bytes of non-ASCII characters match no letter of the words).
 */
function hasAssignmentWord(b: Uint8Array, p: number, n: number): boolean {
  const end = p + n;
  let prev = ASCII;
  for (let q = p; q < end; q++) {
    const x = b[q];
    if ((prev | x) < ASCII) {
      const starts = WORD_BIGRAM[(prev << 7) | x];
      if (starts !== 0 && wordAt(b, q - 1, end, starts)) return true;
    }
    prev = x;
  }
  return false;
}

/** True when one of the words whose bits are in `starts` (their first two bytes match) is at `q`. */
function wordAt(b: Uint8Array, q: number, end: number, starts: number): boolean {
  for (let i = 0; i < WORDS.length; i++) {
    if ((starts & (1 << i)) === 0) continue;
    const w = WORDS[i];
    if (q + w.length > end) continue;
    let k = 2;
    while (k < w.length && lower(b[q + k]) === w[k]) k++;
    if (k === w.length) return true;
  }
  return false;
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
/**
 * One lookup per byte for `resourceStringMayMatch`: `RES_STEP[(state << 8) | byte]` holds the
 * byte's class bits (high byte) and the next state (low byte) of an automaton over ':', '=' and
 * KNOWN_HEADS, MATCH when one of them ends there. A byte of 0x80 and above (part of a non-ASCII
 * character) returns the automaton to its start: no head spans one.
 */
const RES_MATCHER = buildMatcher([':', '=', ...KNOWN_HEADS]);
const NOT_HOST = 1 << 8;
const HOST_DOT = 2 << 8;
const RES_STEP = new Uint16Array((RES_MATCHER.length / ASCII) * BYTE_VALUES);
for (let st = 0; st < RES_MATCHER.length / ASCII; st++) {
  for (let x = 0; x < BYTE_VALUES; x++) {
    let c = 0;
    if (x >= ASCII || HOST_CHARS[x] === 0) c |= NOT_HOST;
    if (x === DOT) c |= HOST_DOT;
    RES_STEP[(st << 8) | x] = c | (x >= ASCII ? 0 : RES_MATCHER[(st << 7) | x]);
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
  let state = 0;
  let flags = 0;
  if (utf16) {
    // A unit with a high byte is no ASCII character: read as 0x80.
    for (let p = start; p < end; p += 2) {
      const t = RES_STEP[(state << 8) | (b[p + 1] !== 0 ? ASCII : b[p])];
      flags |= t;
      state = t & STATE_BITS;
      if (state === MATCH) return true;
    }
  } else {
    for (let p = start; p < end; p++) {
      const t = RES_STEP[(state << 8) | b[p]];
      flags |= t;
      state = t & STATE_BITS;
      if (state === MATCH) return true;
    }
  }
  const chars = utf16 ? (end - start) / 2 : end - start;
  return chars >= MIN_HOST && chars <= MAX_HOST && (flags & NOT_HOST) === 0 && (flags & HOST_DOT) !== 0;
}
