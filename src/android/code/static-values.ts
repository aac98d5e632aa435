/**
 * Initial values of static fields from a class_def's static_values (an encoded_array_item):
 * `static final String ALG = "AES/ECB/PKCS5Padding"` lives there rather than in <clinit>.
 */
import { FormatError } from '../../core/errors.js';
import type { DexFile } from '../dex/index.js';
import { NULL, UNKNOWN, type Value } from './values.js';

const CODE = 'dex-code';
const MAX_NESTING = 8;
/** Most values read from one encoded array (the file bounds it anyway; this bounds the work). */
const MAX_VALUES = 65536;
/** Widest value read as a plain number (4 bytes; 5–8 byte values go through bigint). */
const SMALL = 4;

const VALUE = {
  byte: 0x00,
  short: 0x02,
  char: 0x03,
  int: 0x04,
  long: 0x06,
  float: 0x10,
  double: 0x11,
  methodType: 0x15,
  methodHandle: 0x16,
  string: 0x17,
  type: 0x18,
  field: 0x19,
  method: 0x1a,
  enum: 0x1b,
  array: 0x1c,
  annotation: 0x1d,
  null: 0x1e,
  boolean: 0x1f,
} as const;

class Reader {
  constructor(
    readonly b: Uint8Array,
    public pos: number,
  ) {}
  byte(): number {
    if (this.pos >= this.b.length)
      throw new FormatError(CODE, this.pos, 'encoded value runs past the end of the file');
    return this.b[this.pos++];
  }
  uleb(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const x = this.byte();
      result += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return result >>> 0;
    }
    throw new FormatError(CODE, this.pos, 'uleb128 longer than 5 bytes');
  }
  /** `n` ≤ 4 little-endian bytes as an unsigned number (no bigint: this is the common case). */
  small(n: number): number {
    let v = 0;
    for (let i = 0, m = 1; i < n; i++, m *= 256) v += this.byte() * m;
    return v;
  }
  /** Steps over `n` bytes (same bounds errors as reading them). */
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.byte();
  }
  /** `n` little-endian bytes as an unsigned bigint. */
  raw(n: number): bigint {
    let v = 0n;
    for (let i = 0; i < n; i++) v |= BigInt(this.byte()) << BigInt(8 * i);
    return v;
  }
}

function signed(v: bigint, bytes: number, bits: number): bigint {
  return BigInt.asIntN(bits, BigInt.asIntN(bytes * 8, v));
}

/** An n-byte value sign-extended to 32 bits, as `Number(signed(raw, n, 32))` computes it. */
function signed32(r: Reader, n: number): number {
  if (n > SMALL) return Number(signed(r.raw(n), n, 32));
  const v = r.small(n);
  const bits = 8 * n;
  return v >= 2 ** (bits - 1) ? v - 2 ** bits : v;
}

/** An n-byte unsigned value as a number, as `Number(raw)` computes it. */
function unsigned(r: Reader, n: number): number {
  return n > SMALL ? Number(r.raw(n)) : r.small(n);
}

function readValue(dex: DexFile, r: Reader, depth: number): Value {
  const head = r.byte();
  const type = head & 0x1f;
  const arg = head >>> 5;
  const n = arg + 1;
  switch (type) {
    case VALUE.byte:
    case VALUE.short:
    case VALUE.int:
      return { kind: 'int', value: signed32(r, n) };
    case VALUE.char:
      return { kind: 'int', value: unsigned(r, n) };
    case VALUE.long:
      return { kind: 'int', value: signed(r.raw(n), n, 64) };
    case VALUE.string: {
      const idx = unsigned(r, n);
      return { kind: 'string', idx, text: dex.string(idx) };
    }
    case VALUE.type:
      return { kind: 'class', type: dex.type(unsigned(r, n)) };
    case VALUE.null:
      return NULL;
    case VALUE.boolean:
      return { kind: 'int', value: arg ? 1 : 0 };
    case VALUE.array:
      skipArray(dex, r, depth + 1);
      return UNKNOWN;
    case VALUE.annotation: {
      if (depth > MAX_NESTING) throw new FormatError(CODE, r.pos, 'encoded values nest too deep');
      r.uleb();
      const size = r.uleb();
      if (size > r.b.length - r.pos)
        throw new FormatError(CODE, r.pos, `annotation of ${size} elements does not fit`);
      for (let i = 0; i < size; i++) {
        r.uleb();
        readValue(dex, r, depth + 1);
      }
      return UNKNOWN;
    }
    case VALUE.float:
    case VALUE.double:
    case VALUE.methodType:
    case VALUE.methodHandle:
    case VALUE.field:
    case VALUE.method:
    case VALUE.enum:
      r.skip(n);
      return UNKNOWN;
    default:
      throw new FormatError(CODE, r.pos - 1, `unknown encoded value type 0x${type.toString(16)}`);
  }
}

function skipArray(dex: DexFile, r: Reader, depth: number): void {
  if (depth > MAX_NESTING) throw new FormatError(CODE, r.pos, 'encoded values nest too deep');
  const size = r.uleb();
  if (size > r.b.length - r.pos)
    throw new FormatError(CODE, r.pos, `encoded array of ${size} values does not fit`);
  for (let i = 0; i < size; i++) readValue(dex, r, depth);
}

/** The first `count` values of the encoded_array_item at `off` (fewer when the array is shorter). */
export function readEncodedArray(dex: DexFile, off: number, count: number): Value[] {
  const r = new Reader(dex.bytes, off);
  const size = r.uleb();
  if (size > dex.bytes.length - r.pos)
    throw new FormatError(CODE, off, `encoded array of ${size} values does not fit`);
  const n = Math.min(size, count, MAX_VALUES);
  const out: Value[] = [];
  for (let i = 0; i < n; i++) out.push(readValue(dex, r, 0));
  return out;
}

const classByType = new WeakMap<DexFile, Int32Array>();
const staticCache = new WeakMap<DexFile, Map<number, Value[]>>();

/** The class_def index defining type `typeIdx` in this DEX, or -1. */
export function classDefOfType(dex: DexFile, typeIdx: number): number {
  let m = classByType.get(dex);
  if (!m) {
    // Type ids are < 65,536, and every class_def's type is in range: one slot per type, last wins.
    m = new Int32Array(dex.ids.types.length).fill(-1);
    const { classDefs } = dex;
    for (let i = 0; i < classDefs.length; i++) m[classDefs[i].classIdx] = i;
    classByType.set(dex, m);
  }
  return typeIdx >= 0 && typeIdx < m.length ? m[typeIdx] : -1;
}

/**
 * The encoded initial value of static field `fieldIdx` when its class is defined in this DEX:
 * the static_values entry, or the type's default (0 / null) when the array is shorter. Undefined
 * when the class or field is not defined here or the array is malformed.
 */
export function encodedStaticValue(dex: DexFile, fieldIdx: number): Value | undefined {
  if (!(fieldIdx >= 0 && fieldIdx < dex.ids.fieldClass.length)) return undefined;
  const ci = classDefOfType(dex, dex.ids.fieldClass[fieldIdx]);
  if (ci < 0) return undefined;
  const cd = dex.classDefs[ci];
  const { fieldIdx: fieldIds } = dex.members;
  let pos = -1;
  for (let k = 0; k < cd.staticCount; k++) {
    if (fieldIds[cd.fieldStart + k] === fieldIdx) {
      pos = k;
      break;
    }
  }
  if (pos < 0) return undefined;
  let cache = staticCache.get(dex);
  if (!cache) {
    cache = new Map();
    staticCache.set(dex, cache);
  }
  let values = cache.get(ci);
  if (!values) {
    values = [];
    if (cd.staticValuesOff !== 0) {
      try {
        values = readEncodedArray(dex, cd.staticValuesOff, cd.staticCount);
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
        values = [];
      }
    }
    cache.set(ci, values);
  }
  if (pos < values.length) return values[pos];
  return undefined;
}
