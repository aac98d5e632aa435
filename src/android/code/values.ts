/**
 * The abstract values tracked per register: a small lattice with `unknown` on top. Values are
 * immutable plain objects; a merge of differing values is a bounded `oneOf` set, then `unknown`.
 */

/** Most alternatives kept by a merge before it becomes `unknown`. */
export const MAX_ALTERNATIVES = 8;
/** Most parts kept in a string built from parts (a StringBuilder chain). */
export const MAX_PARTS = 32;
/** Largest array whose elements are tracked one by one. */
export const MAX_TRACKED_ARRAY = 4096;

export type UnknownValue = { kind: 'unknown' };
/** A const/* or const-wide/* literal (also what `const/4 vX, 0` gives before its use says "null"). */
/** `boxed`: an Integer/Boolean/… made by valueOf from a constant (never the null reference). */
export type IntValue = { kind: 'int'; value: number | bigint; boxed?: true };
export type StringValue = { kind: 'string'; idx: number; text: string };
export type ClassValue = { kind: 'class'; type: string };
export type NullValue = { kind: 'null' };
/** The result of an invoke (moved by move-result*), with its argument values one level deep. */
export type InvokeValue = { kind: 'invoke'; method: string; args: Value[]; offset: number };
/** new-instance of `type`, before or after its constructor ran (`site` is the allocation offset). */
export type NewValue = { kind: 'new'; type: string; site: number; args?: Value[] };
/** The value read by sget/iget; `initial` is the class's encoded static value or <clinit> store when known. */
export type FieldValue = { kind: 'field'; field: string; static: boolean; initial?: Value };
/**
 * An array: new-array, filled-new-array, fill-array-data, aput of constants, String.getBytes().
 * `elements` is undefined when the length or the contents are not known.
 */
export type ArrayValue = { kind: 'array'; type: string; site: number; length?: number; elements?: Value[] };
/** A method parameter (0-based, not counting `this`). */
export type ParamValue = { kind: 'param'; index: number; type: string };
export type ThisValue = { kind: 'this'; type: string };
/** A string built from parts (StringBuilder.append chain, String.concat); `open` = a StringBuilder not yet toString'd. */
export type ConcatValue = {
  kind: 'concat';
  parts: Value[];
  site: number;
  open: boolean;
  truncated?: boolean;
};
/** One of several values (a merge at a CFG join). */
export type OneOfValue = { kind: 'oneOf'; values: Value[] };

export type Value =
  | UnknownValue
  | IntValue
  | StringValue
  | ClassValue
  | NullValue
  | InvokeValue
  | NewValue
  | FieldValue
  | ArrayValue
  | ParamValue
  | ThisValue
  | ConcatValue
  | OneOfValue;

export const UNKNOWN: UnknownValue = Object.freeze({ kind: 'unknown' });
export const NULL: NullValue = Object.freeze({ kind: 'null' });

const MAX_COMPARE_DEPTH = 6;
/** Most arguments/parts/elements rendered per value by formatValue. */
const MAX_SHOWN = 16;
/** Most value nodes one comparison, text or walk visits (values are DAGs: a tree walk can explode). */
const MAX_VISITS = 10_000;
/** Longest text folded from constant parts. */
const MAX_TEXT = 65_536;

let visits = 0;

/** Structural equality, bounded in depth and work: values too deep or too large to compare are "different". */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  visits = MAX_VISITS;
  return same(a, b, 0);
}

function same(a: Value, b: Value, depth: number): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || depth > MAX_COMPARE_DEPTH || --visits < 0) return false;
  switch (a.kind) {
    case 'unknown':
    case 'null':
      return true;
    case 'int':
      return a.value === (b as IntValue).value && a.boxed === (b as IntValue).boxed;
    case 'string':
      return a.text === (b as StringValue).text;
    case 'class':
      return a.type === (b as ClassValue).type;
    case 'invoke': {
      const o = b as InvokeValue;
      return a.method === o.method && a.offset === o.offset && sameList(a.args, o.args, depth);
    }
    case 'new': {
      const o = b as NewValue;
      return a.site === o.site && a.type === o.type && sameOptList(a.args, o.args, depth);
    }
    case 'field': {
      const o = b as FieldValue;
      return a.field === o.field && a.static === o.static;
    }
    case 'array': {
      const o = b as ArrayValue;
      return (
        a.site === o.site &&
        a.type === o.type &&
        a.length === o.length &&
        sameOptList(a.elements, o.elements, depth)
      );
    }
    case 'param':
      return a.index === (b as ParamValue).index;
    case 'this':
      return true;
    case 'concat': {
      const o = b as ConcatValue;
      return (
        a.site === o.site &&
        a.open === o.open &&
        a.truncated === o.truncated &&
        sameList(a.parts, o.parts, depth)
      );
    }
    case 'oneOf':
      return sameSet(a.values, (b as OneOfValue).values, depth);
  }
}

/** Every member of `a` equals some member of `b` (sizes equal), compared in order and stopping as every/some would. */
function sameSet(a: Value[], b: Value[], depth: number): boolean {
  if (a.length !== b.length) return false;
  for (const v of a) {
    let found = false;
    for (const w of b) {
      if (same(v, w, depth + 1)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

function sameList(a: Value[], b: Value[], depth: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i], depth + 1)) return false;
  return true;
}

function sameOptList(a: Value[] | undefined, b: Value[] | undefined, depth: number): boolean {
  if (a === undefined || b === undefined) return a === b;
  return sameList(a, b, depth);
}

/** The least upper bound of two values: equal → the value, else a bounded set, else unknown. */
export function joinValues(a: Value, b: Value): Value {
  if (a === b || sameValue(a, b)) return a;
  return joinDifferent(a, b);
}

/**
 * joinValues for two values already known to differ (`sameValue(a, b)` is false), so the
 * comparison is not made twice (the register merge of the analysis compares first).
 */
export function joinDifferent(a: Value, b: Value): Value {
  if (a.kind === 'unknown' || b.kind === 'unknown') return UNKNOWN;
  // Two single values: the set of both (b is compared with a as the general loop below would).
  if (a.kind !== 'oneOf' && b.kind !== 'oneOf')
    return sameValue(b, a) ? a : { kind: 'oneOf', values: [a, b] };
  const out: Value[] = a.kind === 'oneOf' ? [...a.values] : [a];
  for (const v of b.kind === 'oneOf' ? b.values : [b]) {
    if (out.some((w) => sameValue(v, w))) continue;
    if (out.length >= MAX_ALTERNATIVES) return UNKNOWN;
    out.push(v);
  }
  if (out.length === 1) return out[0];
  return { kind: 'oneOf', values: out };
}

/** The alternatives a value stands for (a oneOf's members, else the value itself). */
export function alternatives(v: Value): Value[] {
  return v.kind === 'oneOf' ? v.values : [v];
}

/** The field's initial value when it is known, else the value itself. */
function resolved(v: Value): Value {
  return v.kind === 'field' && v.initial ? v.initial : v;
}

/**
 * Every string a value may be when all of them are known (constant strings, constant
 * concatenations, a static field with a known constant value, or a set of those), else undefined.
 */
export function possibleStrings(v: Value): string[] | undefined {
  const out: string[] = [];
  for (const alt of alternatives(resolved(v))) {
    const s = constantText(alt);
    if (s === undefined) return undefined;
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** The text of a constant string or of a concatenation whose parts are all constant (bounded in size). */
export function constantText(v: Value): string | undefined {
  const budget = { visits: MAX_VISITS };
  return textOf(v, budget);
}

function textOf(v: Value, budget: { visits: number }): string | undefined {
  if (--budget.visits < 0) return undefined;
  const r = resolved(v);
  if (r.kind === 'string') return r.text;
  if (r.kind !== 'concat' || r.truncated) return undefined;
  let s = '';
  for (const p of r.parts) {
    const t = textOf(p, budget);
    if (t === undefined || s.length + t.length > MAX_TEXT) return undefined;
    s += t;
  }
  return s;
}

/** The constant integer (or boolean as 0/1) a value is on every path, else undefined. */
export function constantInt(v: Value): number | bigint | undefined {
  const r = resolved(v);
  return r.kind === 'int' ? r.value : undefined;
}

/** Every integer the value may be (a set of constants), else undefined. */
export function possibleInts(v: Value): (number | bigint)[] | undefined {
  const out: (number | bigint)[] = [];
  for (const alt of alternatives(resolved(v))) {
    const r = resolved(alt);
    if (r.kind !== 'int') return undefined;
    if (!out.includes(r.value)) out.push(r.value);
  }
  return out;
}

/** The bytes of an array whose every element is a known constant (a byte[], char[] or int[] of literals). */
export function knownBytes(v: Value): Uint8Array | undefined {
  const r = resolved(v);
  if (r.kind !== 'array' || !r.elements) return undefined;
  const out = new Uint8Array(r.elements.length);
  for (let i = 0; i < r.elements.length; i++) {
    const e = r.elements[i];
    if (e.kind !== 'int') return undefined;
    out[i] = Number(BigInt.asIntN(8, BigInt(e.value))) & 0xff;
  }
  return out;
}

/** True when the value is null (or the literal 0 used as a reference). */
export function isNullish(v: Value): boolean {
  return v.kind === 'null' || (v.kind === 'int' && !v.boxed && (v.value === 0 || v.value === 0n));
}

/** True when any part of a built string (or the value itself) is not a known constant (or is too large to tell). */
export function hasNonConstantPart(v: Value): boolean {
  return (
    constantText(v) === undefined && alternatives(resolved(v)).some((alt) => constantText(alt) === undefined)
  );
}

/** A short human rendering, for evidence and test messages. */
export function formatValue(v: Value, depth = 0): string {
  if (depth > 3) return '…';
  const f = (x: Value): string => formatValue(x, depth + 1);
  const list = (xs: Value[], sep: string): string =>
    (xs.length > MAX_SHOWN ? [...xs.slice(0, MAX_SHOWN).map(f), '…'] : xs.map(f)).join(sep);
  switch (v.kind) {
    case 'unknown':
      return '?';
    case 'null':
      return 'null';
    case 'int':
      return typeof v.value === 'bigint' ? `${v.value}L` : String(v.value);
    case 'string':
      return JSON.stringify(v.text);
    case 'class':
      return `${v.type}.class`;
    case 'invoke':
      return `${v.method}(${list(v.args, ', ')})`;
    case 'new':
      return `new ${v.type}${v.args ? `(${list(v.args, ', ')})` : ''}`;
    case 'field':
      return v.initial ? `${v.field}=${f(v.initial)}` : v.field;
    case 'array':
      if (v.elements)
        return `${v.type}{${v.elements.length <= 16 ? list(v.elements, ', ') : `${v.elements.length} elements`}}`;
      return `new ${v.type}[${v.length ?? '?'}]`;
    case 'param':
      return `param${v.index}`;
    case 'this':
      return 'this';
    case 'concat':
      return `concat(${list(v.parts, ' + ')}${v.truncated ? ' + …' : ''})`;
    case 'oneOf':
      return `oneOf(${list(v.values, ' | ')})`;
  }
}
