/**
 * What the DEX and native string filters look for anywhere in a text: the head of a known
 * credential format (KNOWN_PREFIX) or '://'. One Aho-Corasick automaton over ASCII finds any of
 * them with one table lookup per character; the heads are read from the regex itself so the two
 * never drift apart.
 */
import { KNOWN_PREFIX } from '../../../secrets/index.js';

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

/**
 * The head of a KNOWN_PREFIX alternative as up to three character sets: literal characters,
 * escaped punctuation ('\.') and simple classes ('[0-9a-f]'); the head stops at anything else.
 */
export function knownHead(alt: string): Set<number>[] {
  const sets: Set<number>[] = [];
  let i = 0;
  while (sets.length < 3 && i < alt.length) {
    const c = alt[i];
    if (c === '\\' && i + 1 < alt.length && /[^0-9A-Za-z]/.test(alt[i + 1])) {
      sets.push(new Set([alt.charCodeAt(i + 1)]));
      i += 2;
    } else if (c === '[') {
      const close = alt.indexOf(']', i + 1);
      const body = close < 0 ? '' : alt.slice(i + 1, close);
      if (!/^(?:[0-9A-Za-z_](?:-[0-9A-Za-z_])?)+$/.test(body)) break;
      const set = new Set<number>();
      for (let k = 0; k < body.length; k++) {
        const lo = body.charCodeAt(k);
        const hi = body[k + 1] === '-' ? body.charCodeAt((k += 2)) : lo;
        for (let x = lo; x <= hi; x++) set.add(x);
      }
      sets.push(set);
      i = close + 1;
    } else if (/[\\[\](){}.*+?^$|]/.test(c)) break;
    else {
      sets.push(new Set([alt.charCodeAt(i)]));
      i++;
    }
  }
  if (sets.length < 2) throw new Error(`KNOWN_PREFIX alternative ${alt} has no head of two characters`);
  return sets;
}

/** Every string a head's character sets spell (a head of three sets of 1, 1 and 16 gives 16). */
function spell(sets: Set<number>[]): string[] {
  let out = [''];
  for (const set of sets) out = out.flatMap((prefix) => [...set].map((c) => prefix + String.fromCharCode(c)));
  return out;
}

/** What the DEX filter looks for anywhere in a string: a known-format head, or '://'. */
export const MATCHED_TEXTS: readonly string[] = [
  ...new Set([...KNOWN_PREFIX.source.split('|').flatMap((alt) => spell(knownHead(alt))), '://']),
];

/** The state MATCHER enters when one of MATCHED_TEXTS ends at the current character. */
export const MATCH = 255;
export const ASCII = 128;

/**
 * An Aho-Corasick automaton over ASCII for `texts`: `table[(state << 7) | char]` is the next state
 * (0 is the start), MATCH when a text ends there. One lookup per character.
 */
export function buildMatcher(texts: readonly string[]): Uint8Array {
  const next: number[][] = [[]];
  const final: boolean[] = [false];
  for (const t of texts) {
    let st = 0;
    for (const ch of t) {
      const c = ch.charCodeAt(0);
      if (c >= ASCII) throw new Error(`matcher text ${t} is not ASCII`);
      let to = next[st][c];
      if (to === undefined) {
        to = next.length;
        next.push([]);
        final.push(false);
        next[st][c] = to;
      }
      st = to;
    }
    final[st] = true;
  }
  if (next.length >= MATCH - 2) throw new Error(`matcher needs ${next.length} states`);
  const table = new Uint8Array(next.length * ASCII);
  const fail = new Array<number>(next.length).fill(0);
  // Breadth first, so a state's failure state is complete before the state itself.
  const queue: number[] = [];
  for (let c = 0; c < ASCII; c++) {
    const to = next[0][c];
    if (to !== undefined) queue.push(to);
    table[c] = to ?? 0;
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const st = queue[qi];
    if (final[fail[st]]) final[st] = true;
    for (let c = 0; c < ASCII; c++) {
      const to = next[st][c];
      if (to === undefined) {
        table[(st << 7) | c] = table[(fail[st] << 7) | c];
        continue;
      }
      fail[to] = table[(fail[st] << 7) | c];
      table[(st << 7) | c] = to;
      queue.push(to);
    }
  }
  for (let i = 0; i < table.length; i++) if (final[table[i]]) table[i] = MATCH;
  return table;
}

/** The automaton for MATCHED_TEXTS (see buildMatcher). */
export const MATCHER = buildMatcher(MATCHED_TEXTS);

/**
 * True when the ASCII bytes [start, end) hold one of MATCHED_TEXTS (a known-format head or '://'):
 * without one, scanKnownFormats, scanUrlCredentials and extractUrls find nothing in the text.
 * Bytes of 0x80 and above are not expected (they would be read as their low 7 bits).
 */
export function holdsMatchedText(b: Uint8Array, start: number, end: number): boolean {
  let state = 0;
  for (let q = start; q < end; q++) {
    state = MATCHER[(state << 7) | (b[q] & 0x7f)];
    if (state === MATCH) return true;
  }
  return false;
}
