import { FormatError } from '../../core/errors.js';
import { DEX } from './constants.js';
import type { DexFile } from './types.js';

/** `smali`: `Lpkg/Cls;->name(I)V`, `Lpkg/Cls;->f:I`; `dexdump`: `Lpkg/Cls;.name:(I)V`, `Lpkg/Cls;.f:I`. */
export type DescriptorStyle = 'smali' | 'dexdump';

const protoCache = new WeakMap<DexFile, (string | undefined)[]>();

/** The proto of `protoIdx` as `(params)ret`, e.g. `(Ljava/lang/String;I)V`. Cached per file. */
export function protoDescriptor(dex: DexFile, protoIdx: number): string {
  let cache = protoCache.get(dex);
  if (!cache) {
    cache = new Array<string | undefined>(dex.ids.protoShorty.length);
    protoCache.set(dex, cache);
  }
  const hit = cache[protoIdx];
  if (hit !== undefined) return hit;
  if (!(protoIdx >= 0 && protoIdx < dex.ids.protoShorty.length))
    throw new FormatError(DEX, 0, `proto index ${protoIdx} out of range`);
  let s = '(';
  for (const t of dex.protoParams(protoIdx)) s += dex.type(t);
  s += ')' + dex.type(dex.ids.protoReturnType[protoIdx]);
  cache[protoIdx] = s;
  return s;
}

function checkIndex(idx: number, count: number, what: string): void {
  if (!(idx >= 0 && idx < count)) throw new FormatError(DEX, 0, `${what} index ${idx} out of range`);
}

/** A method reference: smali `Lpkg/Cls;->name(I)V` (default) or dexdump `Lpkg/Cls;.name:(I)V`. */
export function methodDescriptor(dex: DexFile, methodIdx: number, style: DescriptorStyle = 'smali'): string {
  checkIndex(methodIdx, dex.ids.methodClass.length, 'method');
  const cls = dex.type(dex.ids.methodClass[methodIdx]);
  const name = dex.string(dex.ids.methodName[methodIdx]);
  const proto = protoDescriptor(dex, dex.ids.methodProto[methodIdx]);
  return style === 'smali' ? `${cls}->${name}${proto}` : `${cls}.${name}:${proto}`;
}

/** A field reference: smali `Lpkg/Cls;->name:I` (default) or dexdump `Lpkg/Cls;.name:I`. */
export function fieldDescriptor(dex: DexFile, fieldIdx: number, style: DescriptorStyle = 'smali'): string {
  checkIndex(fieldIdx, dex.ids.fieldClass.length, 'field');
  const cls = dex.type(dex.ids.fieldClass[fieldIdx]);
  const name = dex.string(dex.ids.fieldName[fieldIdx]);
  const type = dex.type(dex.ids.fieldType[fieldIdx]);
  return style === 'smali' ? `${cls}->${name}:${type}` : `${cls}.${name}:${type}`;
}

/** The class descriptor a method id belongs to. */
export function methodClassDescriptor(dex: DexFile, methodIdx: number): string {
  checkIndex(methodIdx, dex.ids.methodClass.length, 'method');
  return dex.type(dex.ids.methodClass[methodIdx]);
}

/** `Ljava/lang/String;` → `java.lang.String`, `[I` → `int[]`. */
export function descriptorToJava(desc: string): string {
  let dims = 0;
  while (desc[dims] === '[') dims++;
  const base = desc.slice(dims);
  const prim: Record<string, string> = {
    V: 'void',
    Z: 'boolean',
    B: 'byte',
    S: 'short',
    C: 'char',
    I: 'int',
    J: 'long',
    F: 'float',
    D: 'double',
  };
  const name =
    base.startsWith('L') && base.endsWith(';')
      ? base.slice(1, -1).replaceAll('/', '.')
      : (prim[base] ?? base);
  return name + '[]'.repeat(dims);
}
