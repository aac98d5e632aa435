/**
 * Scans the string table of every loaded DEX once. Cheap pre-filters first (a string that cannot
 * be a URL, a known key format or a named secret costs a few regex tests); the code sites of
 * the survivors come from the reverse string index, and the names around a site (the field the
 * value is stored into, the key string just before it, the method) give the context detectors.
 */
import { isDfslabError } from '../../../../core/errors.js';
import type { DexEntry } from '../../../apk.js';
import { readEncodedArray } from '../../../code/index.js';
import type { DexIndex } from '../../../dex/index.js';
import { OP_XREF, XREF_CLASS } from '../../../dex/opcodes.js';
import {
  KNOWN_PREFIX,
  extractUrls,
  isPlaceholder,
  looksLikeCodeOrLabel,
  looksRandom,
  scanNamedValue,
  scanText,
  type SecretHit,
} from '../../../secrets/index.js';
import { isSecretsLibrary, isTestClass } from '../../shared/libraries.js';
import { MAX_CONTEXT_CANDIDATE, MAX_SHORT_SECRET, mayBeInteresting } from './string-filter.js';
import type { Sink, StringSource } from './types.js';

/** Code units between a value's const-string and the sput/iput that stores it. */
const STORE_WINDOW = 8;
/** Code units between a key's const-string and the value's. */
const KEY_WINDOW = 8;
const NAME_LIKE = /^[A-Za-z_][A-Za-z0-9_.-]{1,60}$/;
/** Strings that might be a named secret: short, no spaces, not pure letters. */
const CONTEXT_CANDIDATE = /^[\x21-\x7e]{4,256}$/;
/** 'Bearer <token>' header values: the token is judged. */
const BEARER = /^Bearer ([\x21-\x7e]{16,256})$/;
const BEARER_PREFIX = 'Bearer ';
const ASSIGN_CHAR = /[=:]/;
const DIGIT_OR_SYMBOL = /[0-9!@#$%^&*+=?~]/;
const ASSIGNMENT_HINT = /pass|pwd|secret|key|token|bearer|credential|authoriz/i;

/** Cheap test before looking at names: a random token, or a short value with a digit or symbol. */
function couldBeSecretValue(value: string): boolean {
  if (looksRandom(value)) return true;
  if (value.length > MAX_SHORT_SECRET || !DIGIT_OR_SYMBOL.test(value)) return false;
  return !looksLikeCodeOrLabel(value) && !isPlaceholder(value);
}

type Safe<T> = T | undefined;

function safe<T>(fn: () => T): Safe<T> {
  try {
    return fn();
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
}

/** String `idx`, or undefined when it is malformed (no closure: called for every string). */
function stringAt(dex: DexEntry['dex'], idx: number): string | undefined {
  try {
    return dex.string(idx);
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
}

function fieldName(dex: DexEntry['dex'], fieldIdx: number): string {
  return safe(() => dex.string(dex.ids.fieldName[fieldIdx])) ?? '';
}

function classOfMethod(entry: DexEntry, m: number): string {
  const cd = entry.dex.classDefs[entry.index.methods[m].classDef];
  return safe(() => entry.dex.type(cd.classIdx)) ?? '';
}

/** Names around the string use at xref `i`: stored-into field, preceding key string, method name. */
function namesAt(entry: DexEntry, ix: DexIndex, i: number): string[] {
  const { opcode, target, offset, caller } = ix.xrefs;
  const m = caller[i];
  const lo = ix.methodXrefStart[m];
  const hi = ix.methodXrefStart[m + 1];
  const names: string[] = [];
  for (let k = i + 1; k < hi && offset[k] - offset[i] <= STORE_WINDOW; k++) {
    const cls = OP_XREF[opcode[k]];
    if (cls === XREF_CLASS.fieldWrite) {
      names.push(fieldName(entry.dex, target[k]));
      break;
    }
    if (cls === XREF_CLASS.invoke) break;
  }
  for (let k = i - 1; k >= lo && offset[i] - offset[k] <= KEY_WINDOW; k--) {
    const cls = OP_XREF[opcode[k]];
    if (cls === XREF_CLASS.string) {
      const key = safe(() => entry.dex.string(target[k]));
      if (key && NAME_LIKE.test(key)) names.push(key);
      break;
    }
    if (cls === XREF_CLASS.invoke) break;
  }
  // The method's name only for a getter that returns the constant (its one reference):
  // getApiSecret() { return "…"; }. In bigger methods ('encryptPassword') most constants are
  // algorithm and charset names.
  if (hi - lo === 1) {
    const mi = entry.index.methods[m].methodIdx;
    const mname = safe(() => entry.dex.string(entry.dex.ids.methodName[mi]));
    if (mname && !mname.startsWith('<')) names.push(mname);
  }
  return names;
}

/** string idx → static fields initialised with it. */
function staticStrings(entry: DexEntry): Map<number, { field: string; cls: string; offset: number }[]> {
  const out = new Map<number, { field: string; cls: string; offset: number }[]>();
  const { dex } = entry;
  for (const cd of dex.classDefs) {
    if (!cd.staticValuesOff || cd.staticFields.length === 0) continue;
    const values = safe(() => readEncodedArray(dex, cd.staticValuesOff, cd.staticFields.length));
    if (!values) continue;
    const cls = safe(() => dex.type(cd.classIdx)) ?? '';
    values.forEach((v, j) => {
      if (v.kind !== 'string') return;
      const list = out.get(v.idx) ?? [];
      list.push({ field: fieldName(dex, cd.staticFields[j].fieldIdx), cls, offset: cd.staticValuesOff });
      out.set(v.idx, list);
    });
  }
  return out;
}

export type StringGate = { hasUrl: boolean; known: boolean; assignment: boolean; contextual: boolean };

/**
 * What the scan looks for in one string value, or undefined when nothing can come of it (a bare
 * host name alone, 'api.bank.co.ke', is neither a secret nor a URL here). `mayBeInteresting`
 * (string-filter.ts) is a byte-level superset of this test.
 */
export function stringGate(value: string): StringGate | undefined {
  if (value.length < 4) return undefined;
  const hasUrl = value.includes('://');
  const known = KNOWN_PREFIX.test(value);
  const assignment = value.length > 8 && ASSIGN_CHAR.test(value) && ASSIGNMENT_HINT.test(value);
  const bearer = value.startsWith(BEARER_PREFIX) ? BEARER.exec(value)?.[1] : undefined;
  const contextual =
    bearer !== undefined
      ? looksRandom(bearer)
      : value.length <= MAX_CONTEXT_CANDIDATE && CONTEXT_CANDIDATE.test(value) && couldBeSecretValue(value);
  if (!hasUrl && !known && !assignment && !contextual) return undefined;
  return { hasUrl, known, assignment, contextual };
}

/** Scans every string of one DEX into `sink`; returns the number of strings read. */
export function scanDexStrings(entry: DexEntry, part: number, sink: Sink): number {
  const { dex, index: ix } = entry;
  const n = dex.ids.strings.length;
  const statics = staticStrings(entry);
  const { start, xref } = ix.byString;
  const offsets = dex.ids.strings;
  for (let s = 0; s < n; s++) {
    // Most strings (descriptors, names) are ruled out on their bytes, never decoded.
    if (!mayBeInteresting(dex.bytes, offsets[s])) continue;
    const value = stringAt(dex, s);
    if (value === undefined) continue;
    const gate = stringGate(value);
    if (!gate) continue;
    const { hasUrl, known, assignment, contextual } = gate;
    const sources: { source: StringSource; names: string[] }[] = [];
    const used = s < start.length - 1 && start[s + 1] > start[s];
    if (used) {
      for (let k = start[s]; k < start[s + 1]; k++) {
        const i = xref[k];
        const m = ix.xrefs.caller[i];
        const cls = classOfMethod(entry, m);
        const library = isSecretsLibrary(cls) || isTestClass(cls);
        const source: StringSource = {
          kind: 'dex',
          file: entry.file,
          part,
          method: m,
          offset: ix.xrefs.offset[i],
          cls,
          library,
        };
        sources.push({ source, names: contextual && !library ? namesAt(entry, ix, i) : [] });
      }
    }
    for (const f of statics.get(s) ?? []) {
      const library = isSecretsLibrary(f.cls) || isTestClass(f.cls);
      sources.push({
        source: {
          kind: 'dex-field',
          file: entry.file,
          field: f.field,
          cls: f.cls,
          offset: f.offset,
          library,
        },
        names: library ? [] : [f.field],
      });
    }
    if (sources.length === 0)
      sources.push({ source: { kind: 'dex-data', file: entry.file, offset: dex.ids.strings[s] }, names: [] });
    emit(value, sources, { hasUrl, textual: known || assignment || hasUrl, contextual }, sink);
  }
  return n;
}

function emit(
  value: string,
  sources: { source: StringSource; names: string[] }[],
  want: { hasUrl: boolean; textual: boolean; contextual: boolean },
  sink: Sink,
): void {
  const hits: SecretHit[] = want.textual ? scanText(value) : [];
  for (const { source } of sources) for (const h of hits) sink.secret(h, source);
  if (want.contextual && hits.length === 0) {
    for (const { source, names } of sources) {
      if (names.length === 0 && !looksRandom(value)) continue;
      const hit = names.length ? scanNamedValue(value, names) : undefined;
      if (hit) sink.secret(hit, source);
    }
  }
  if (want.hasUrl) for (const u of extractUrls(value)) for (const { source } of sources) sink.url(u, source);
}
