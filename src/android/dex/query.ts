import { isDfslabError } from '../../core/errors.js';
import type { DexCsr, DexIndex } from './analyze.js';
import { methodClassDescriptor, methodDescriptor, protoDescriptor } from './descriptors.js';
import { invokeKindOf, isStaticFieldOp, OP_XREF, XREF_CLASS, type InvokeKind } from './opcodes.js';
import type { DexEncodedMethod } from './types.js';

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

/** Lazily built descriptor → id maps, only over ids that are referenced at least once. */
type Lookups = {
  /** Referenced method ids by the descriptor of their class (descriptors are built per query). */
  methodsByClass?: Map<string, number[]>;
  fieldsByClass?: Map<string, number[]>;
  strings?: Map<string, number>;
  /** The entries of `strings` as two arrays, for walks that allocate nothing per entry. */
  stringList?: { values: string[]; ids: number[] };
  types?: Map<string, number>;
  classes?: Map<string, number[]>;
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

/** Referenced ids grouped by the descriptor of their class (`classOf` gives the class's type index). */
function referencedByClass(
  ix: DexIndex,
  csr: DexCsr,
  classOf: (id: number) => number,
): Map<string, number[]> {
  const map = new Map<string, number[]>();
  const n = csr.start.length - 1;
  for (let id = 0; id < n; id++) {
    if (csr.start[id + 1] === csr.start[id]) continue;
    let cls: string;
    try {
      cls = ix.dex.type(classOf(id));
    } catch (e) {
      if (!isDfslabError(e)) throw e;
      continue;
    }
    const list = map.get(cls);
    if (list) list.push(id);
    else map.set(cls, [id]);
  }
  return map;
}

/**
 * The referenced id whose full descriptor is `desc` (the last one, should a hostile file repeat
 * it), looking only at the ids of the class the descriptor names.
 */
function idByDescriptor(
  byClass: Map<string, number[]>,
  desc: string,
  matches: (id: number, rest: string) => boolean,
): number | undefined {
  const arrow = desc.indexOf('->');
  if (arrow < 0) return undefined;
  const ids = byClass.get(desc.slice(0, arrow));
  if (!ids) return undefined;
  const rest = desc.slice(arrow + 2);
  let found: number | undefined;
  for (const id of ids) {
    try {
      if (matches(id, rest)) found = id;
    } catch (e) {
      if (!isDfslabError(e)) throw e;
    }
  }
  return found;
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

function sitesOf(
  ix: DexIndex,
  part: number,
  csr: DexCsr,
  id: number | undefined,
  keep?: (op: number) => boolean,
): CodeSite[] {
  if (id === undefined) return [];
  const out: CodeSite[] = [];
  const { opcode, offset, caller } = ix.xrefs;
  for (let k = csr.start[id]; k < csr.start[id + 1]; k++) {
    const i = csr.xref[k];
    if (keep && !keep(opcode[i])) continue;
    out.push({ part, method: caller[i], offset: offset[i], opcode: opcode[i] });
  }
  return out;
}

/** Call sites of a method given as `Lpkg/Cls;->name(params)ret`, over every DEX. */
export function callSites(ci: CodeIndex, api: string): CodeSite[] {
  return ci.parts.flatMap((ix, part) => {
    const l = lookupsOf(ix);
    l.methodsByClass ??= referencedByClass(ix, ix.byMethod, (id) => ix.dex.ids.methodClass[id]);
    const id = idByDescriptor(l.methodsByClass, api, (m, rest) => methodIs(ix.dex, m, rest));
    return sitesOf(ix, part, ix.byMethod, id);
  });
}

function fieldSites(ci: CodeIndex, field: string, write: boolean): CodeSite[] {
  return ci.parts.flatMap((ix, part) => {
    const l = lookupsOf(ix);
    l.fieldsByClass ??= referencedByClass(ix, ix.byField, (id) => ix.dex.ids.fieldClass[id]);
    return sitesOf(
      ix,
      part,
      ix.byField,
      idByDescriptor(l.fieldsByClass, field, (f, rest) => fieldIs(ix.dex, f, rest)),
      (op) => (OP_XREF[op] === XREF_CLASS.fieldWrite) === write,
    );
  });
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
  return ci.parts.flatMap((ix, part) => {
    const l = lookupsOf(ix);
    l.strings ??= referencedMap(ix.byString, (id) => ix.dex.string(id));
    return sitesOf(ix, part, ix.byString, l.strings.get(value));
  });
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
 * are built only when `sites()` is called. Returning true from `fn` stops the walk.
 */
export function forEachReferencedString(
  ci: CodeIndex,
  fn: (value: string, sites: () => CodeSite[]) => boolean | void,
): void {
  for (let part = 0; part < ci.parts.length; part++) {
    const ix = ci.parts[part];
    const l = lookupsOf(ix);
    l.strings ??= referencedMap(ix.byString, (id) => ix.dex.string(id));
    if (!l.stringList) {
      const list: { values: string[]; ids: number[] } = { values: [], ids: [] };
      l.strings.forEach((id, value) => {
        list.values.push(value);
        list.ids.push(id);
      });
      l.stringList = list;
    }
    const { values, ids } = l.stringList;
    for (let k = 0; k < values.length; k++) {
      const id = ids[k];
      if (fn(values[k], () => sitesOf(ix, part, ix.byString, id)) === true) return;
    }
  }
}

/** new-instance, const-class, check-cast, instance-of, new-array, filled-new-array sites of a type. */
export function typeUsers(ci: CodeIndex, typeDescriptor: string): CodeSite[] {
  return ci.parts.flatMap((ix, part) => {
    const l = lookupsOf(ix);
    l.types ??= referencedMap(ix.byType, (id) => ix.dex.type(id));
    return sitesOf(ix, part, ix.byType, l.types.get(typeDescriptor));
  });
}

/** The methods defined by a class (`Lpkg/Cls;`) in any DEX. */
export function classMethods(ci: CodeIndex, classDescriptor: string): MethodRef[] {
  return ci.parts.flatMap((ix, part) => {
    const l = lookupsOf(ix);
    if (!l.classes) {
      l.classes = new Map();
      ix.methods.forEach((m: DexEncodedMethod, i) => {
        const cd = ix.dex.classDefs[m.classDef];
        const name = ix.dex.type(cd.classIdx);
        const list = l.classes?.get(name);
        if (list) list.push(i);
        else l.classes?.set(name, [i]);
      });
    }
    return (l.classes.get(classDescriptor) ?? []).map((method) => ({ part, method }));
  });
}

/** The smali descriptor of the method that contains a site. */
export function siteMethod(ci: CodeIndex, site: MethodRef): string {
  const ix = ci.parts[site.part];
  return methodDescriptor(ix.dex, ix.methods[site.method].methodIdx);
}

/**
 * The class part of `siteMethod` (the text before its first `->`), without building the whole
 * descriptor. Throws a DfslabError for a malformed method, like `siteMethod`.
 */
export function siteMethodClass(ci: CodeIndex, site: MethodRef): string {
  const ix = ci.parts[site.part];
  const methodIdx = ix.methods[site.method].methodIdx;
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
