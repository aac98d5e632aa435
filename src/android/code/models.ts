/**
 * What known library calls do to values: StringBuilder/StringBuffer chains, String.concat,
 * String.valueOf, getBytes/toCharArray on constants, Base64.decode of a constant, constructors.
 */
import {
  UNKNOWN,
  type ArrayValue,
  type ConcatValue,
  constantText,
  knownBytes,
  MAX_PARTS,
  MAX_TRACKED_ARRAY,
  type Value,
} from './values.js';
import type { MethodInfo } from './refs.js';

/**
 * Calls that only read the arrays and builders passed to them; any other call may write into
 * them (SecureRandom.nextBytes(iv), System.arraycopy, a helper that appends…).
 */
const READS_ARGUMENTS = [
  'Ljavax/crypto/spec/',
  'Ljava/lang/String;->',
  'Ljava/lang/StringBuilder;->',
  'Ljava/lang/StringBuffer;->',
  'Landroid/util/Base64;->encode',
  'Landroid/util/Log;->',
  'Ljava/util/Arrays;->toString(',
  'Ljava/util/Arrays;->equals(',
  'Ljava/util/Arrays;->copyOf',
  'Ljava/security/MessageDigest;->',
  'Ljavax/crypto/Cipher;->getInstance(',
  'Ljavax/crypto/Cipher;->init(',
  'Landroid/database/sqlite/SQLiteDatabase;->',
  'Ljava/io/PrintStream;->print',
  'Lkotlin/jvm/internal/Intrinsics;->',
];

export function readsArgumentsOnly(descriptor: string): boolean {
  return READS_ARGUMENTS.some((p) => descriptor.startsWith(p));
}

export type CallEffect = {
  /** The value move-result would get (undefined: an opaque "result of invoke" marker). */
  result?: Value;
  /** The receiver's new value (a builder after append, an object after its constructor). */
  receiver?: Value;
};

const BUILDERS = new Set(['Ljava/lang/StringBuilder;', 'Ljava/lang/StringBuffer;']);
const STRING = 'Ljava/lang/String;';
/** Boxing keeps a constant's value (Integer.valueOf(18) is still 18 for String.format or a check). */
const BOXES = new Set(
  [
    ['Integer', 'I'],
    ['Long', 'J'],
    ['Short', 'S'],
    ['Byte', 'B'],
    ['Boolean', 'Z'],
    ['Character', 'C'],
  ].map(([cls, prim]) => `Ljava/lang/${cls};->valueOf(${prim})Ljava/lang/${cls};`),
);

function str(s: string): Value {
  return { kind: 'string', idx: -1, text: s };
}

function arrayOf(type: string, units: ArrayLike<number>, site: number): ArrayValue | undefined {
  if (units.length > MAX_TRACKED_ARRAY) return undefined;
  return {
    kind: 'array',
    type,
    site,
    length: units.length,
    elements: Array.from(units, (u) => ({ kind: 'int', value: u }) as Value),
  };
}

/** The text a value appended to a builder contributes, folding primitives of a known type. */
function appendPart(type: string, v: Value): Value {
  if (v.kind !== 'int') return v;
  if (type === 'C') return str(String.fromCharCode(Number(v.value) & 0xffff));
  if (type === 'Z') return str(v.value === 0 || v.value === 0n ? 'false' : 'true');
  if (type === 'I' || type === 'J' || type === 'S' || type === 'B') return str(String(v.value));
  return v;
}

function withPart(b: ConcatValue, part: Value): ConcatValue {
  if (b.parts.length >= MAX_PARTS) return { ...b, truncated: true };
  return { ...b, parts: [...b.parts, part] };
}

/** No modelled effect (shared: effects are only read). */
export const NO_EFFECT: CallEffect = Object.freeze({});

const BASE64_DECODE = 'Landroid/util/Base64;->decode(Ljava/lang/String;I)[B';

/** The effect of calling `m` with `args` (receiver first for instance calls) at `site`. */
export function modelCall(m: MethodInfo, args: Value[], isStatic: boolean, site: number): CallEffect {
  const recv = isStatic ? undefined : args[0];
  // Most calls are to nothing modelled: they return before the parameter list is copied.
  const builder = BUILDERS.has(m.cls);
  const string = !builder && m.cls === STRING;
  const base64 = m.descriptor === BASE64_DECODE;
  const box = BOXES.has(m.descriptor);
  const init = m.name === '<init>' && recv?.kind === 'new' && recv.type === m.cls;
  if (!builder && !string && !base64 && !box && !init) return NO_EFFECT;
  const params = isStatic ? args : args.slice(1);
  if (builder) return builderCall(m, recv, params);
  if (string) return stringCall(m, recv, params, isStatic, site);
  if (base64) {
    const s = constantText(params[0]);
    if (s !== undefined) {
      const a = arrayOf('[B', Buffer.from(s, 'base64'), site);
      if (a) return { result: a };
    }
  }
  if (box && params[0]?.kind === 'int') return { result: { ...params[0], boxed: true } };
  if (init && recv?.kind === 'new') return { receiver: { ...recv, args: params } };
  return NO_EFFECT;
}

/** Builder methods that only read it (everything else may change its contents). */
const BUILDER_READS = new Set([
  'toString',
  'length',
  'charAt',
  'indexOf',
  'lastIndexOf',
  'substring',
  'capacity',
  'codePointAt',
  'subSequence',
]);

function builderCall(m: MethodInfo, recv: Value | undefined, params: Value[]): CallEffect {
  if (recv === undefined) return NO_EFFECT;
  const reads = BUILDER_READS.has(m.name);
  if (m.name === '<init>') {
    if (recv.kind !== 'new') return NO_EFFECT;
    const parts = m.params.length === 1 && m.params[0] !== 'I' ? [params[0]] : [];
    return { receiver: { kind: 'concat', parts, site: recv.site, open: true } };
  }
  if (recv.kind !== 'concat' || !recv.open) return reads ? NO_EFFECT : { receiver: UNKNOWN };
  if (m.name === 'append' && params.length === 1) {
    const next = withPart(recv, appendPart(m.params[0], params[0]));
    return { receiver: next, result: next };
  }
  if (m.name === 'toString') return { result: { ...recv, open: false } };
  // insert, reverse, setLength, delete…: the contents are no longer known.
  return reads ? NO_EFFECT : { receiver: { ...recv, truncated: true } };
}

function stringCall(
  m: MethodInfo,
  recv: Value | undefined,
  params: Value[],
  isStatic: boolean,
  site: number,
): CallEffect {
  if (isStatic) {
    if (m.name === 'format' && m.params.at(-1) === '[Ljava/lang/Object;' && params.length >= 2) {
      const formatted = formatCall(params[params.length - 2], params[params.length - 1], site);
      return formatted ? { result: formatted } : NO_EFFECT;
    }
    if (m.name === 'valueOf' && params.length === 1) {
      const a = params[0];
      if (m.params[0] === '[C') {
        const b = knownChars(a);
        return b === undefined ? NO_EFFECT : { result: str(b) };
      }
      const part = appendPart(m.params[0], a);
      return part.kind === 'string' ? { result: part } : NO_EFFECT;
    }
    return NO_EFFECT;
  }
  if (recv === undefined) return NO_EFFECT;
  if (m.name === '<init>') {
    if (recv.kind !== 'new') return NO_EFFECT;
    if (m.params.length === 0) return { receiver: str('') };
    if (m.params[0] === 'Ljava/lang/String;') return { receiver: params[0] };
    if (m.params[0] === '[B') {
      const b = knownBytes(params[0]);
      return b ? { receiver: str(Buffer.from(b).toString('utf8')) } : NO_EFFECT;
    }
    if (m.params[0] === '[C' && m.params.length === 1) {
      const c = knownChars(params[0]);
      return c === undefined ? NO_EFFECT : { receiver: str(c) };
    }
    return NO_EFFECT;
  }
  if (m.name === 'concat' && params.length === 1) {
    const left = recv.kind === 'concat' && !recv.open ? recv.parts : [recv];
    return { result: { kind: 'concat', parts: [...left, params[0]].slice(0, MAX_PARTS), site, open: false } };
  }
  const s = constantText(recv);
  if (s === undefined) return NO_EFFECT;
  switch (m.name) {
    case 'getBytes': {
      const a = arrayOf('[B', Buffer.from(s, 'utf8'), site);
      return a ? { result: a } : NO_EFFECT;
    }
    case 'toCharArray': {
      const units = Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
      const a = arrayOf('[C', units, site);
      return a ? { result: a } : NO_EFFECT;
    }
    case 'toString':
    case 'intern':
      return { result: str(s) };
    case 'trim':
      return { result: str(s.trim()) };
    case 'toUpperCase':
      return { result: str(s.toUpperCase()) };
    case 'toLowerCase':
      return { result: str(s.toLowerCase()) };
    default:
      return NO_EFFECT;
  }
}

function knownChars(v: Value): string | undefined {
  if (v.kind !== 'array' || !v.elements) return undefined;
  let s = '';
  for (const e of v.elements) {
    if (e.kind !== 'int') return undefined;
    s += String.fromCharCode(Number(e.value) & 0xffff);
  }
  return s;
}

/** `%[index$][flags][width][.precision]conversion` (java.util.Formatter). */
const SPECIFIER = /%(\d+\$)?([-#+ 0,(<]*)(\d+)?(\.\d+)?([a-zA-Z%])/g;

/**
 * String.format with a constant template: the text between specifiers stays constant, each `%s`
 * / `%d` becomes its argument (a constant folds in), any other conversion an unknown part.
 * Undefined when the template is not constant.
 */
function formatCall(template: Value, argArray: Value, site: number): Value | undefined {
  const t = constantText(template);
  if (t === undefined) return undefined;
  const args = argArray.kind === 'array' ? argArray.elements : undefined;
  const parts: Value[] = [];
  let last = 0;
  let next = 0;
  let truncated = false;
  for (const m of t.matchAll(SPECIFIER)) {
    const at = m.index;
    if (at > last) parts.push(str(t.slice(last, at)));
    last = at + m[0].length;
    const conv = m[5];
    if (conv === '%' || conv === 'n') {
      parts.push(str(conv === '%' ? '%' : '\n'));
      continue;
    }
    const index = m[1] ? Number(m[1].slice(0, -1)) - 1 : next++;
    const arg = args?.[index];
    const plain = !m[2] && !m[3] && !m[4];
    if (arg && plain && (conv === 's' || conv === 'd'))
      parts.push(arg.kind === 'int' ? str(String(arg.value)) : arg);
    else parts.push(UNKNOWN);
    if (parts.length >= MAX_PARTS) {
      truncated = true;
      break;
    }
  }
  if (!truncated && last < t.length) parts.push(str(t.slice(last)));
  return truncated
    ? { kind: 'concat', parts, site, open: false, truncated }
    : { kind: 'concat', parts, site, open: false };
}
