/** Cached, resolved method and field references (descriptor strings are built once per id). */
import { isDfslabError } from '../../core/errors.js';
import { fieldDescriptor, methodDescriptor, type DexFile } from '../dex/index.js';

export type MethodInfo = {
  descriptor: string;
  cls: string;
  name: string;
  /** Parameter type descriptors (without the receiver). */
  params: string[];
  ret: string;
  /** Cached answers of per-callee questions (e.g. "only reads its arguments"), filled by their users. */
  flags: Map<string, boolean>;
  /** Per parameter: 1 for a reference type, 2 for a wide (long/double) one, 0 otherwise. */
  paramShapes: number[];
};

/** `paramShapes` values. */
export const SHAPE_REFERENCE = 1;
export const SHAPE_WIDE = 2;

const methodCache = new WeakMap<DexFile, (MethodInfo | undefined)[]>();
const fieldCache = new WeakMap<DexFile, (string | undefined)[]>();

/** The resolved method id; throws a DfslabError when the id or its strings are malformed. */
export function methodInfo(dex: DexFile, methodIdx: number): MethodInfo {
  let cache = methodCache.get(dex);
  if (!cache) {
    cache = new Array<MethodInfo | undefined>(dex.ids.methodClass.length);
    methodCache.set(dex, cache);
  }
  const hit = cache[methodIdx];
  if (hit) return hit;
  const descriptor = methodDescriptor(dex, methodIdx);
  const proto = dex.ids.methodProto[methodIdx];
  const params = dex.protoParams(proto).map((t) => dex.type(t));
  const info: MethodInfo = {
    descriptor,
    cls: dex.type(dex.ids.methodClass[methodIdx]),
    name: dex.string(dex.ids.methodName[methodIdx]),
    params,
    ret: dex.type(dex.ids.protoReturnType[proto]),
    flags: new Map(),
    paramShapes: params.map((t) => (isReference(t) ? SHAPE_REFERENCE : isWide(t) ? SHAPE_WIDE : 0)),
  };
  cache[methodIdx] = info;
  return info;
}

export function fieldName(dex: DexFile, fieldIdx: number): string {
  let cache = fieldCache.get(dex);
  if (!cache) {
    cache = new Array<string | undefined>(dex.ids.fieldClass.length);
    fieldCache.set(dex, cache);
  }
  const hit = cache[fieldIdx];
  if (hit !== undefined) return hit;
  const d = fieldDescriptor(dex, fieldIdx);
  cache[fieldIdx] = d;
  return d;
}

/** A resolver that never throws: malformed ids render as `kind@idx`. */
export function safely(f: () => string, fallback: string): string {
  try {
    return f();
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return fallback;
  }
}

/** True for the two-register types (long, double). */
export function isWide(type: string): boolean {
  return type === 'J' || type === 'D';
}

/** True for reference types (objects and arrays). */
export function isReference(type: string): boolean {
  return type.startsWith('L') || type.startsWith('[');
}
