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
};

const methodCache = new WeakMap<DexFile, Map<number, MethodInfo>>();
const fieldCache = new WeakMap<DexFile, Map<number, string>>();

/** The resolved method id; throws a DfslabError when the id or its strings are malformed. */
export function methodInfo(dex: DexFile, methodIdx: number): MethodInfo {
  let cache = methodCache.get(dex);
  if (!cache) {
    cache = new Map();
    methodCache.set(dex, cache);
  }
  const hit = cache.get(methodIdx);
  if (hit) return hit;
  const descriptor = methodDescriptor(dex, methodIdx);
  const proto = dex.ids.methodProto[methodIdx];
  const info: MethodInfo = {
    descriptor,
    cls: dex.type(dex.ids.methodClass[methodIdx]),
    name: dex.string(dex.ids.methodName[methodIdx]),
    params: dex.protoParams(proto).map((t) => dex.type(t)),
    ret: dex.type(dex.ids.protoReturnType[proto]),
  };
  cache.set(methodIdx, info);
  return info;
}

export function fieldName(dex: DexFile, fieldIdx: number): string {
  let cache = fieldCache.get(dex);
  if (!cache) {
    cache = new Map();
    fieldCache.set(dex, cache);
  }
  const hit = cache.get(fieldIdx);
  if (hit !== undefined) return hit;
  const d = fieldDescriptor(dex, fieldIdx);
  cache.set(fieldIdx, d);
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
