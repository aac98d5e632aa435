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
  type FoundUrl,
  type SecretHit,
} from '../../../secrets/index.js';
import { isSecretsLibrary, isTestClass } from '../../shared/libraries.js';
import {
  ASSIGNMENT_HINT,
  MAX_CONTEXT_CANDIDATE,
  MAX_SHORT_SECRET,
  STRING_CLASS,
  classifyString,
  type StringClass,
} from './string-filter.js';
import { mayHoldMarkedString } from './static-walk.js';
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

/** Each class def's descriptor and whether it is library or test code, looked up once per class. */
class ClassInfo {
  private readonly names: (string | undefined)[];
  private readonly library: Int8Array;
  constructor(private readonly dex: DexEntry['dex']) {
    this.names = new Array<string | undefined>(dex.classDefs.length);
    this.library = new Int8Array(dex.classDefs.length);
  }

  name(classDef: number): string {
    const cached = this.names[classDef];
    if (cached !== undefined) return cached;
    const cd = this.dex.classDefs[classDef];
    const cls = safe(() => this.dex.type(cd.classIdx)) ?? '';
    this.names[classDef] = cls;
    return cls;
  }

  isLibrary(classDef: number): boolean {
    let v = this.library[classDef];
    if (v === 0) {
      const cls = this.name(classDef);
      v = isSecretsLibrary(cls) || isTestClass(cls) ? 1 : -1;
      this.library[classDef] = v;
    }
    return v === 1;
  }
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
    const mi = entry.dex.members.methodIdx[m];
    const mname = safe(() => entry.dex.string(entry.dex.ids.methodName[mi]));
    if (mname && !mname.startsWith('<')) names.push(mname);
  }
  return names;
}

type StaticString = { field: string; cls: string; offset: number };

/**
 * Marked string idx → static fields initialised with it. Only the classes whose static values
 * may hold a marked string are read (the others give no entry for a marked string either way);
 * those are read exactly as before, so a malformed array still drops its whole class.
 */
function staticStrings(entry: DexEntry, marked: Uint8Array, classes: ClassInfo): Map<number, StaticString[]> {
  const out = new Map<number, StaticString[]>();
  const { dex } = entry;
  const defs = dex.classDefs;
  for (let d = 0; d < defs.length; d++) {
    const cd = defs[d];
    if (!cd.staticValuesOff || cd.staticCount === 0) continue;
    if (!mayHoldMarkedString(dex.bytes, cd.staticValuesOff, cd.staticCount, marked)) continue;
    const values = safe(() => readEncodedArray(dex, cd.staticValuesOff, cd.staticCount));
    if (!values) continue;
    const cls = classes.name(d);
    values.forEach((v, j) => {
      if (v.kind !== 'string' || marked[v.idx] !== 1) return;
      const list = out.get(v.idx) ?? [];
      list.push({
        field: fieldName(dex, dex.members.fieldIdx[cd.fieldStart + j]),
        cls,
        offset: cd.staticValuesOff,
      });
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

/**
 * What one string value gives on its own (its gate, and once asked its known-format hits and
 * URLs): pure functions of the value, judged once for all the DEX files of an app (multidex apps
 * repeat their libraries' strings in several of them).
 */
type Judged = { gate: StringGate | undefined; hits?: SecretHit[]; urls?: FoundUrl[] };
export type StringMemo = Map<string, Judged>;

/**
 * Scans every string of one DEX into `sink`; returns the number of strings read. `memo` may be
 * shared by the scans of one app's DEX files.
 */
export function scanDexStrings(
  entry: DexEntry,
  part: number,
  sink: Sink,
  memo: StringMemo = new Map(),
): number {
  const { dex } = entry;
  const n = dex.ids.strings.length;
  const offsets = dex.ids.strings;
  // First the strings that may pass the gate (few), then their static fields, then their sites.
  const found: number[] = [];
  const classOf: StringClass[] = [];
  let marked: Uint8Array | undefined;
  for (let s = 0; s < n; s++) {
    // Most strings (descriptors, names) are ruled out on their bytes, never decoded.
    const c = classifyString(dex.bytes, offsets[s]);
    if (c === STRING_CLASS.nothing) continue;
    (marked ??= new Uint8Array(n))[s] = 1;
    found.push(s);
    classOf.push(c);
  }
  if (!marked) return n;
  const classes = new ClassInfo(dex);
  const statics = staticStrings(entry, marked, classes);
  for (let j = 0; j < found.length; j++) {
    const s = found[j];
    const fields = statics.get(s) ?? [];
    // A contextual candidate gives something only at an app site or field: most are in libraries.
    if (classOf[j] === STRING_CLASS.contextual && !hasAppSource(entry, s, fields, classes)) continue;
    const value = stringAt(dex, s);
    if (value === undefined) continue;
    let judged = memo.get(value);
    if (judged === undefined) memo.set(value, (judged = { gate: stringGate(value) }));
    const { gate } = judged;
    if (!gate) continue;
    if (!gate.known && !gate.assignment && !gate.hasUrl)
      contextualOnly(entry, part, s, value, fields, classes, sink);
    else scanString(entry, part, s, judged, value, gate, fields, classes, sink);
  }
  return n;
}

/** True when string `s` is loaded by app code (not library or test code) or initialises an app field. */
function hasAppSource(entry: DexEntry, s: number, fields: StaticString[], classes: ClassInfo): boolean {
  const { start, xref } = entry.index.byString;
  const { caller } = entry.index.xrefs;
  const { methodClassDef } = entry.dex.members;
  if (s < start.length - 1)
    for (let k = start[s]; k < start[s + 1]; k++)
      if (!classes.isLibrary(methodClassDef[caller[xref[k]]])) return true;
  for (const f of fields) if (!isSecretsLibrary(f.cls) && !isTestClass(f.cls)) return true;
  return false;
}

/**
 * A value only the context detectors judge: only its app sites with names around them can give a
 * hit (`emit` skips a source without names), so library sites are never built.
 */
function contextualOnly(
  entry: DexEntry,
  part: number,
  s: number,
  value: string,
  fields: StaticString[],
  classes: ClassInfo,
  sink: Sink,
): void {
  const { index: ix } = entry;
  const { start, xref } = ix.byString;
  const { caller, offset } = ix.xrefs;
  if (s < start.length - 1) {
    for (let k = start[s]; k < start[s + 1]; k++) {
      const i = xref[k];
      const m = caller[i];
      const classDef = entry.dex.members.methodClassDef[m];
      if (classes.isLibrary(classDef)) continue;
      const names = namesAt(entry, ix, i);
      if (names.length === 0) continue;
      const hit = scanNamedValue(value, names);
      if (!hit) continue;
      const cls = classes.name(classDef);
      sink.secret(hit, {
        kind: 'dex',
        file: entry.file,
        part,
        method: m,
        offset: offset[i],
        cls,
        library: false,
      });
    }
  }
  for (const f of fields) {
    if (isSecretsLibrary(f.cls) || isTestClass(f.cls)) continue;
    const hit = scanNamedValue(value, [f.field]);
    if (!hit) continue;
    sink.secret(hit, {
      kind: 'dex-field',
      file: entry.file,
      field: f.field,
      cls: f.cls,
      offset: f.offset,
      library: false,
    });
  }
}

/** A value with a URL, a known-format prefix or an assignment: every source is listed. */
function scanString(
  entry: DexEntry,
  part: number,
  s: number,
  judged: Judged,
  value: string,
  gate: StringGate,
  fields: StaticString[],
  classes: ClassInfo,
  sink: Sink,
): void {
  const { index: ix } = entry;
  const { hasUrl, contextual } = gate;
  const sources: { source: StringSource; names: string[] }[] = [];
  const { start, xref } = ix.byString;
  const used = s < start.length - 1 && start[s + 1] > start[s];
  if (used) {
    for (let k = start[s]; k < start[s + 1]; k++) {
      const i = xref[k];
      const m = ix.xrefs.caller[i];
      const classDef = entry.dex.members.methodClassDef[m];
      const cls = classes.name(classDef);
      const library = classes.isLibrary(classDef);
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
  for (const f of fields) {
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
    sources.push({
      source: { kind: 'dex-data', file: entry.file, offset: entry.dex.ids.strings[s] },
      names: [],
    });
  emit(judged, value, sources, { hasUrl, contextual }, sink);
}

function emit(
  judged: Judged,
  value: string,
  sources: { source: StringSource; names: string[] }[],
  want: { hasUrl: boolean; contextual: boolean },
  sink: Sink,
): void {
  const hits = (judged.hits ??= scanText(value));
  for (const { source } of sources) for (const h of hits) sink.secret(h, source);
  if (want.contextual && hits.length === 0) {
    for (const { source, names } of sources) {
      if (names.length === 0 && !looksRandom(value)) continue;
      const hit = names.length ? scanNamedValue(value, names) : undefined;
      if (hit) sink.secret(hit, source);
    }
  }
  if (want.hasUrl)
    for (const u of (judged.urls ??= extractUrls(value)))
      for (const { source } of sources) sink.url(u, source);
}
