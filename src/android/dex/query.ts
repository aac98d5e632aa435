import { isDfslabError } from '../../core/errors.js';
import type { DexCsr, DexIndex } from './analyze.js';
import {
  countTypes,
  groupByType,
  idByDescriptor,
  mayMatch,
  lowerBound,
  nthType,
  sharedPrefilterCount,
  stringMask,
  referencedByType,
  splitDescriptor,
  typeIdsOf,
  type ByType,
  type RefsByType,
  type StringPrefilter,
} from './lookups.js';
import { methodClassDescriptor, methodDescriptor, protoDescriptor } from './descriptors.js';
import { invokeKindOf, isStaticFieldOp, OP_XREF, XREF_CLASS, type InvokeKind } from './opcodes.js';

export type MethodInvoke = {
  methodIdx: number;
  kind: InvokeKind;
  range: boolean;
  opcode: number;
  offset: number;
};
export type FieldAccess = {
  fieldIdx: number;
  write: boolean;
  static: boolean;
  opcode: number;
  offset: number;
};
export type StringUse = { stringIdx: number; offset: number };
export type TypeUse = { typeIdx: number; opcode: number; offset: number };

/** A place in the code of a (possibly multidex) app: `part` is the DEX, `method` indexes its `methods`. */
export type CodeSite = { part: number; method: number; offset: number; opcode: number };
export type MethodRef = { part: number; method: number };

/** The indexes of every DEX of one APK, queried by descriptor. Building it copies nothing. */
export type CodeIndex = { parts: DexIndex[] };

export function mergeDexIndexes(parts: DexIndex[]): CodeIndex {
  return { parts };
}

function eachXref(ix: DexIndex, m: number, cls: readonly number[], fn: (i: number) => void): void {
  const { opcode } = ix.xrefs;
  for (let i = ix.methodXrefStart[m]; i < ix.methodXrefStart[m + 1]; i++) {
    if (cls.includes(OP_XREF[opcode[i]])) fn(i);
  }
}

/** The methods invoked by method `m` (an index into `ix.methods`), in bytecode order. */
export function invokesOf(ix: DexIndex, m: number): MethodInvoke[] {
  const out: MethodInvoke[] = [];
  const { opcode, target, offset } = ix.xrefs;
  eachXref(ix, m, [XREF_CLASS.invoke], (i) => {
    const op = opcode[i];
    out.push({
      methodIdx: target[i],
      kind: invokeKindOf(op) ?? 'virtual',
      range: (op >= 0x74 && op <= 0x78) || op === 0xfb,
      opcode: op,
      offset: offset[i],
    });
  });
  return out;
}

export function fieldAccessesOf(ix: DexIndex, m: number): FieldAccess[] {
  const out: FieldAccess[] = [];
  const { opcode, target, offset } = ix.xrefs;
  eachXref(ix, m, [XREF_CLASS.fieldRead, XREF_CLASS.fieldWrite], (i) => {
    const op = opcode[i];
    out.push({
      fieldIdx: target[i],
      write: OP_XREF[op] === XREF_CLASS.fieldWrite,
      static: isStaticFieldOp(op),
      opcode: op,
      offset: offset[i],
    });
  });
  return out;
}

export function stringsOf(ix: DexIndex, m: number): StringUse[] {
  const out: StringUse[] = [];
  eachXref(ix, m, [XREF_CLASS.string], (i) =>
    out.push({ stringIdx: ix.xrefs.target[i], offset: ix.xrefs.offset[i] }),
  );
  return out;
}

export function typesOf(ix: DexIndex, m: number): TypeUse[] {
  const out: TypeUse[] = [];
  eachXref(ix, m, [XREF_CLASS.type], (i) =>
    out.push({ typeIdx: ix.xrefs.target[i], opcode: ix.xrefs.opcode[i], offset: ix.xrefs.offset[i] }),
  );
  return out;
}

/**
 * Lazily built lookups. Descriptors go through the DEX's one descriptor → type ids map
 * (`typeIdsOf`); the rest are typed arrays grouped by type.
 */
type Lookups = {
  /** Referenced method ids by the type of their class. */
  methodsByType?: RefsByType;
  fieldsByType?: RefsByType;
  /** Referenced string value → string id (built only when `stringList` is not ascending). */
  strings?: Map<string, number>;
  /** The referenced strings as `strings` would hold them, as two arrays (walks allocate nothing per entry). */
  stringList?: StringList;
  /** The class_defs that define methods, by class type (in class_def order). */
  classesByType?: ByType;
  /** Per referenced string id, the shared prefilters it may pass (`stringMask`), for the first `count` of them. */
  stringMasks?: { count: number; masks: Uint32Array };
};
const lookups = new WeakMap<DexIndex, Lookups>();

function lookupsOf(ix: DexIndex): Lookups {
  let l = lookups.get(ix);
  if (!l) {
    l = {};
    lookups.set(ix, l);
  }
  return l;
}

/**
 * The referenced string values of one DEX with their ids, in the order of a value → id map filled
 * in id order. `ascending`: every value is greater than the one before, so no value repeats (the
 * list is then that map's entries as they are, without building it) and a lookup can bisect.
 * A valid DEX sorts its strings; any other order falls back to the map.
 */
type StringList = { values: string[]; ids: Uint32Array; ascending: boolean };

/** String `id`, or undefined when it is malformed (it cannot be looked up); other errors are bugs. */
function stringOrSkip(ix: DexIndex, id: number): string | undefined {
  try {
    return ix.dex.string(id);
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
}

function stringListOf(ix: DexIndex, l: Lookups): StringList {
  if (l.stringList) return l.stringList;
  const csr = ix.byString;
  const n = csr.start.length - 1;
  const values: string[] = [];
  const found: number[] = [];
  let ascending = true;
  for (let id = 0; id < n; id++) {
    if (csr.start[id + 1] === csr.start[id]) continue;
    const v = stringOrSkip(ix, id);
    if (v === undefined) continue;
    if (ascending && values.length > 0 && !(values[values.length - 1] < v)) ascending = false;
    values.push(v);
    found.push(id);
  }
  if (ascending) {
    l.stringList = { values, ids: Uint32Array.from(found), ascending };
    return l.stringList;
  }
  const map = referencedMap(csr, (id) => ix.dex.string(id));
  l.strings = map;
  const list: StringList = { values: new Array<string>(map.size), ids: new Uint32Array(map.size), ascending };
  let k = 0;
  // forEach, not for-of: no [value, id] pair per entry.
  map.forEach((id, value) => {
    list.values[k] = value;
    list.ids[k++] = id;
  });
  l.stringList = list;
  return list;
}

/** The id of referenced string `value` (as the value → id map gives it), else undefined. */
function referencedStringId(ix: DexIndex, l: Lookups, value: string): number | undefined {
  const list = stringListOf(ix, l);
  if (!list.ascending) return l.strings?.get(value);
  const { values } = list;
  const lo = lowerBound(values, value);
  return lo < values.length && values[lo] === value ? list.ids[lo] : undefined;
}

function referencedMap(csr: DexCsr, name: (id: number) => string): Map<string, number> {
  const map = new Map<string, number>();
  const n = csr.start.length - 1;
  for (let id = 0; id < n; id++) {
    if (csr.start[id + 1] === csr.start[id]) continue;
    try {
      map.set(name(id), id);
    } catch (e) {
      // A malformed name cannot be looked up; anything but a DfslabError is a bug.
      if (!isDfslabError(e)) throw e;
    }
  }
  return map;
}

/** `head + tail === rest` without building the concatenation (names and protos are cached strings). */
function isConcat(rest: string, head: string, tail: string): boolean {
  return head.length + tail.length === rest.length && rest.startsWith(head) && rest.endsWith(tail);
}

/**
 * True when method `id` is `<its class>-><rest>`: the same test as comparing `methodDescriptor`
 * after the class part, with the same decoding (and the same errors for a malformed id).
 */
function methodIs(dex: DexIndex['dex'], id: number, rest: string): boolean {
  const name = dex.string(dex.ids.methodName[id]);
  const proto = protoDescriptor(dex, dex.ids.methodProto[id]);
  return isConcat(rest, name, proto);
}

/** The same for field `id` and `<name>:<type>`. */
function fieldIs(dex: DexIndex['dex'], id: number, rest: string): boolean {
  const name = dex.string(dex.ids.fieldName[id]);
  const type = dex.type(dex.ids.fieldType[id]);
  return isConcat(rest, name, `:${type}`);
}

/** Which sites of a field `sitesOf` keeps. */
const ANY_ACCESS = 0;
const READS = 1;
const WRITES = 2;

/** Appends the sites of `id` to `out` (all of them, or only field reads or writes). */
function sitesOf(
  ix: DexIndex,
  part: number,
  csr: DexCsr,
  id: number | undefined,
  out: CodeSite[] = [],
  access = ANY_ACCESS,
): CodeSite[] {
  if (id === undefined) return out;
  const { opcode, offset, caller } = ix.xrefs;
  for (let k = csr.start[id]; k < csr.start[id + 1]; k++) {
    const i = csr.xref[k];
    if (access !== ANY_ACCESS && (OP_XREF[opcode[i]] === XREF_CLASS.fieldWrite) !== (access === WRITES))
      continue;
    out.push({ part, method: caller[i], offset: offset[i], opcode: opcode[i] });
  }
  return out;
}

/** Call sites of a method given as `Lpkg/Cls;->name(params)ret`, over every DEX. */
export function callSites(ci: CodeIndex, api: string): CodeSite[] {
  const out: CodeSite[] = [];
  const d = splitDescriptor(api);
  for (let part = 0; part < ci.parts.length; part++) {
    const ix = ci.parts[part];
    const l = lookupsOf(ix);
    l.methodsByType ??= referencedByType(ix.dex, ix.byMethod, ix.dex.ids.methodClass);
    if (d) sitesOf(ix, part, ix.byMethod, idByDescriptor(ix.dex, l.methodsByType, d, methodIs), out);
  }
  return out;
}

function fieldSites(ci: CodeIndex, field: string, write: boolean): CodeSite[] {
  const out: CodeSite[] = [];
  const d = splitDescriptor(field);
  for (let part = 0; part < ci.parts.length; part++) {
    const ix = ci.parts[part];
    const l = lookupsOf(ix);
    l.fieldsByType ??= referencedByType(ix.dex, ix.byField, ix.dex.ids.fieldClass);
    if (!d) continue;
    const id = idByDescriptor(ix.dex, l.fieldsByType, d, fieldIs);
    sitesOf(ix, part, ix.byField, id, out, write ? WRITES : READS);
  }
  return out;
}

/** Reads (iget*, sget*) of a field given as `Lpkg/Cls;->name:Type`. */
export function fieldReaders(ci: CodeIndex, field: string): CodeSite[] {
  return fieldSites(ci, field, false);
}

/** Writes (iput*, sput*) of a field given as `Lpkg/Cls;->name:Type`. */
export function fieldWriters(ci: CodeIndex, field: string): CodeSite[] {
  return fieldSites(ci, field, true);
}

/** const-string / const-string/jumbo sites of an exact string value. */
export function stringUsers(ci: CodeIndex, value: string): CodeSite[] {
  const out: CodeSite[] = [];
  for (let part = 0; part < ci.parts.length; part++) {
    const ix = ci.parts[part];
    const l = lookupsOf(ix);
    sitesOf(ix, part, ix.byString, referencedStringId(ix, l, value), out);
  }
  return out;
}

/** Every referenced string value with its sites (for pattern searches: URLs, keys…). */
export function referencedStrings(ci: CodeIndex): { value: string; sites: CodeSite[] }[] {
  const out: { value: string; sites: CodeSite[] }[] = [];
  forEachReferencedString(ci, (value, sites) => {
    out.push({ value, sites: sites() });
  });
  return out;
}

/**
 * Visits every referenced string value (same values and order as `referencedStrings`); its sites
 * are built only when `sites()` is called, which must happen during that call of `fn` (the
 * function is shared by the whole walk). Returning true from `fn` stops the walk.
 */
export function forEachReferencedString(
  ci: CodeIndex,
  fn: (value: string, sites: () => CodeSite[]) => boolean | void,
): void {
  for (let part = 0; part < ci.parts.length; part++) {
    const ix = ci.parts[part];
    const l = lookupsOf(ix);
    const { values, ids } = stringListOf(ix, l);
    // One closure per DEX, not per string: `sites` reads the string being visited.
    let id = 0;
    const sites = (): CodeSite[] => sitesOf(ix, part, ix.byString, id);
    for (let k = 0; k < values.length; k++) {
      id = ids[k];
      if (fn(values[k], sites) === true) return;
    }
  }
}

/** The shared prefilter masks of the referenced strings of one DEX, covering prefilter `bit`. */
function stringMasksOf(ix: DexIndex, l: Lookups, bit: number): Uint32Array {
  if (l.stringMasks && bit < l.stringMasks.count) return l.stringMasks.masks;
  const { start } = ix.byString;
  const { bytes } = ix.dex;
  const offsets = ix.dex.ids.strings;
  const masks = new Uint32Array(start.length - 1);
  for (let id = 0; id < masks.length; id++)
    if (start[id + 1] !== start[id]) masks[id] = stringMask(bytes, offsets[id]);
  l.stringMasks = { count: sharedPrefilterCount(), masks };
  return masks;
}

/**
 * The referenced strings `match` accepts, with their sites: the same values, order and sites as
 * a `forEachReferencedString` walk keeping what `match` accepts. `match` must reject every string
 * `pre` rules out (too long, or none of its pairs): those are skipped on their bytes, undecoded,
 * unless an earlier walk has already decoded every string of the DEX.
 */
export function referencedStringsWhere(
  ci: CodeIndex,
  pre: StringPrefilter,
  match: (value: string) => boolean,
): { value: string; sites: CodeSite[] }[] {
  const out: { value: string; sites: CodeSite[] }[] = [];
  for (let part = 0; part < ci.parts.length; part++) {
    const ix = ci.parts[part];
    const list = lookupsOf(ix).stringList;
    if (list) {
      for (let k = 0; k < list.values.length; k++)
        if (match(list.values[k]))
          out.push({ value: list.values[k], sites: sitesOf(ix, part, ix.byString, list.ids[k]) });
      continue;
    }
    // The walk's order without its list: a value → id map filled in id order (first position,
    // last id), which is also the sorted list of a valid DEX.
    const { start } = ix.byString;
    const { bytes } = ix.dex;
    const offsets = ix.dex.ids.strings;
    const masks = pre.bit >= 0 ? stringMasksOf(ix, lookupsOf(ix), pre.bit) : undefined;
    const hits = new Map<string, number>();
    for (let id = 0; id + 1 < start.length; id++) {
      if (start[id + 1] === start[id]) continue;
      if (masks ? ((masks[id] >>> pre.bit) & 1) === 0 : !mayMatch(bytes, offsets[id], pre)) continue;
      const v = stringOrSkip(ix, id);
      if (v !== undefined && match(v)) hits.set(v, id);
    }
    hits.forEach((id, value) => out.push({ value, sites: sitesOf(ix, part, ix.byString, id) }));
  }
  return out;
}

/** new-instance, const-class, check-cast, instance-of, new-array, filled-new-array sites of a type. */
export function typeUsers(ci: CodeIndex, typeDescriptor: string): CodeSite[] {
  const out: CodeSite[] = [];
  for (let part = 0; part < ci.parts.length; part++) {
    const ix = ci.parts[part];
    const { start } = ix.byType;
    // The highest referenced type id of that descriptor, as a descriptor → id map would keep.
    let id: number | undefined;
    const types = typeIdsOf(ix.dex).get(typeDescriptor);
    for (let j = 0; j < countTypes(types); j++) {
      const t = nthType(types as number | number[], j);
      if (t < start.length - 1 && start[t + 1] !== start[t]) id = t;
    }
    sitesOf(ix, part, ix.byType, id, out);
  }
  return out;
}

/** The methods defined by a class (`Lpkg/Cls;`) in any DEX. */
export function classMethods(ci: CodeIndex, classDescriptor: string): MethodRef[] {
  const out: MethodRef[] = [];
  for (let part = 0; part < ci.parts.length; part++) {
    const { dex } = ci.parts[part];
    const byType = classesWithMethods(ci.parts[part]);
    const defs: number[] = [];
    const types = typeIdsOf(dex).get(classDescriptor);
    for (let j = 0; j < countTypes(types); j++) {
      const t = nthType(types as number | number[], j);
      for (let k = byType.start[t]; k < byType.start[t + 1]; k++) defs.push(byType.items[k]);
    }
    if (defs.length > 1) defs.sort((a, b) => a - b); // class_def order, as one list per name keeps
    for (const c of defs) {
      const cd = dex.classDefs[c];
      const end = cd.methodStart + cd.directCount + cd.virtualCount;
      for (let method = cd.methodStart; method < end; method++) out.push({ part, method });
    }
  }
  return out;
}

/**
 * The class_defs defining methods, by class type. Throws, as naming every such class would, when
 * one of them has a malformed descriptor (and again on every later call).
 */
function classesWithMethods(ix: DexIndex): ByType {
  const l = lookupsOf(ix);
  if (l.classesByType) return l.classesByType;
  const { dex } = ix;
  const { classDefs } = dex;
  const { bad } = typeIdsOf(dex);
  const typeOf = new Int32Array(classDefs.length);
  for (let c = 0; c < classDefs.length; c++) {
    const cd = classDefs[c];
    if (cd.directCount + cd.virtualCount === 0) {
      typeOf[c] = -1;
      continue;
    }
    if (bad[cd.classIdx]) dex.type(cd.classIdx); // throws the descriptor's error
    typeOf[c] = cd.classIdx;
  }
  l.classesByType = groupByType(dex.ids.types.length, typeOf);
  return l.classesByType;
}

/** The smali descriptor of the method that contains a site. */
export function siteMethod(ci: CodeIndex, site: MethodRef): string {
  const ix = ci.parts[site.part];
  return methodDescriptor(ix.dex, ix.dex.members.methodIdx[site.method]);
}

/**
 * The class part of `siteMethod` (the text before its first `->`), without building the whole
 * descriptor. Throws a DfslabError for a malformed method, like `siteMethod`.
 */
export function siteMethodClass(ci: CodeIndex, site: MethodRef): string {
  const ix = ci.parts[site.part];
  const methodIdx = ix.dex.members.methodIdx[site.method];
  const cls = methodClassDescriptor(ix.dex, methodIdx);
  if (cls.includes('->') || cls.length === 0) {
    const d = methodDescriptor(ix.dex, methodIdx);
    const arrow = d.indexOf('->');
    return arrow > 0 ? d.slice(0, arrow) : d;
  }
  // methodDescriptor also decodes the name and proto (both cached): keep its errors for a malformed id.
  ix.dex.string(ix.dex.ids.methodName[methodIdx]);
  protoDescriptor(ix.dex, ix.dex.ids.methodProto[methodIdx]);
  return cls;
}
