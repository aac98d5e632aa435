/**
 * Finding methods and classes across the DEX files of one APK: by descriptor, implementors of an
 * interface and subclasses of a class (transitively, through the classes the APK defines).
 */
import { isDfslabError } from '../../core/errors.js';
import type { DexClassDef, DexEncodedMethod, DexFile } from '../dex/index.js';
import { methodInfo } from './refs.js';

export type ClassRef = { dex: DexFile; part: number; classDef: DexClassDef; descriptor: string };
export type MethodHandle = {
  dex: DexFile;
  part: number;
  method: DexEncodedMethod;
  descriptor: string;
  name: string;
  proto: string;
  cls: string;
};

type Hierarchy = {
  classes: Map<string, ClassRef>;
  superOf: Map<string, string>;
  interfacesOf: Map<string, readonly string[]>;
  /** Reverse edges: the APK classes naming a type as their superclass or one of their interfaces. */
  childrenOf?: Map<string, string[]>;
  /** Position of each class in `classes` (definition order), to return subtypes in that order. */
  order?: Map<string, number>;
  /** Memoised subtypes per type. */
  subtypes: Map<string, ClassRef[]>;
};

/** The interfaces of a class that implements none (shared, never written). */
const NO_NAMES: readonly string[] = Object.freeze([]);

const hierarchies = new WeakMap<DexFile, { parts: DexFile[]; h: Hierarchy }>();

function asList(dexes: DexFile | readonly DexFile[]): readonly DexFile[] {
  return Array.isArray(dexes) ? dexes : [dexes as DexFile];
}

function safeType(dex: DexFile, idx: number): string | undefined {
  try {
    return dex.type(idx);
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
}

/** The class graph of the APK (first definition wins, as the runtime loads classes.dex first). */
function hierarchy(dexes: readonly DexFile[]): Hierarchy {
  const first = dexes[0];
  const hit = first ? hierarchies.get(first) : undefined;
  if (hit && hit.parts.length === dexes.length && hit.parts.every((d, i) => d === dexes[i])) return hit.h;
  const h: Hierarchy = {
    classes: new Map(),
    superOf: new Map(),
    interfacesOf: new Map(),
    subtypes: new Map(),
  };
  dexes.forEach((dex, part) => {
    const { classDefs } = dex;
    for (let c = 0; c < classDefs.length; c++) {
      const cd = classDefs[c];
      const name = safeType(dex, cd.classIdx);
      if (name === undefined || h.classes.has(name)) continue;
      h.classes.set(name, { dex, part, classDef: cd, descriptor: name });
      const sup = cd.superclassIdx >= 0 ? safeType(dex, cd.superclassIdx) : undefined;
      if (sup) h.superOf.set(name, sup);
      if (cd.interfaces.length === 0) {
        h.interfacesOf.set(name, NO_NAMES);
        continue;
      }
      const ifaces: string[] = [];
      for (let k = 0; k < cd.interfaces.length; k++) {
        const i = safeType(dex, cd.interfaces[k]);
        if (i !== undefined) ifaces.push(i);
      }
      h.interfacesOf.set(name, ifaces);
    }
  });
  if (first) hierarchies.set(first, { parts: [...dexes], h });
  return h;
}

function addChild(children: Map<string, string[]>, parent: string, child: string): void {
  const list = children.get(parent);
  if (list) list.push(child);
  else children.set(parent, [child]);
}

/** The reverse edges and definition order, built on the first subtype query. */
function reverseIndex(h: Hierarchy): { childrenOf: Map<string, string[]>; order: Map<string, number> } {
  if (h.childrenOf && h.order) return { childrenOf: h.childrenOf, order: h.order };
  const childrenOf = new Map<string, string[]>();
  const order = new Map<string, number>();
  let i = 0;
  // forEach and indexed loops: no iterator result per class.
  h.classes.forEach((_, name) => {
    order.set(name, i++);
    const ifaces = h.interfacesOf.get(name) ?? NO_NAMES;
    for (let k = 0; k < ifaces.length; k++) addChild(childrenOf, ifaces[k], name);
    const sup = h.superOf.get(name);
    if (sup) addChild(childrenOf, sup, name);
  });
  h.childrenOf = childrenOf;
  h.order = order;
  return { childrenOf, order };
}

/** The class defined as `descriptor` (e.g. `Lcom/x/Y;`) in any of the DEX files. */
export function findClass(dexes: DexFile | readonly DexFile[], descriptor: string): ClassRef | undefined {
  return hierarchy(asList(dexes)).classes.get(descriptor);
}

/** Every supertype of a class the APK defines (superclasses and interfaces, transitively, within the APK and one step beyond). */
export function supertypesOf(dexes: DexFile | readonly DexFile[], descriptor: string): Set<string> {
  const h = hierarchy(asList(dexes));
  const out = new Set<string>();
  const stack = [descriptor];
  while (stack.length > 0) {
    const c = stack.pop() as string;
    for (const n of h.interfacesOf.get(c) ?? []) {
      if (out.has(n)) continue;
      out.add(n);
      stack.push(n);
    }
    const sup = h.superOf.get(c);
    if (sup !== undefined && !out.has(sup)) {
      out.add(sup);
      stack.push(sup);
    }
  }
  return out;
}

/** Classes of the APK that implement `iface` directly, through a superclass or through a sub-interface. */
export function classesImplementing(dexes: DexFile | readonly DexFile[], iface: string): ClassRef[] {
  return subtypes(dexes, iface);
}

/** Classes of the APK that extend `cls` (directly or transitively), e.g. every WebViewClient. */
export function subclassesOf(dexes: DexFile | readonly DexFile[], cls: string): ClassRef[] {
  return subtypes(dexes, cls);
}

function subtypes(dexes: DexFile | readonly DexFile[], type: string): ClassRef[] {
  const h = hierarchy(asList(dexes));
  const memo = h.subtypes.get(type);
  if (memo) return [...memo];
  // Every class from which `type` is reachable through superclass/interface edges: a walk down
  // the reverse edges from `type`, returned in definition order.
  const { childrenOf, order } = reverseIndex(h);
  const found = new Set<string>();
  const stack = [type];
  while (stack.length > 0) {
    const c = stack.pop() as string;
    for (const child of childrenOf.get(c) ?? []) {
      if (found.has(child)) continue;
      found.add(child);
      stack.push(child);
    }
  }
  found.delete(type);
  const names = [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const out: ClassRef[] = [];
  for (const n of names) {
    const ref = h.classes.get(n);
    if (ref) out.push(ref);
  }
  h.subtypes.set(type, out);
  return [...out];
}

function handle(dex: DexFile, part: number, method: DexEncodedMethod): MethodHandle | undefined {
  try {
    const info = methodInfo(dex, method.methodIdx);
    const proto = info.descriptor.slice(info.descriptor.indexOf('('));
    return { dex, part, method, descriptor: info.descriptor, name: info.name, proto, cls: info.cls };
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
}

/** The methods a class defines (direct then virtual). */
export function methodsOfClass(ref: ClassRef): MethodHandle[] {
  const all = [...ref.classDef.directMethods, ...ref.classDef.virtualMethods];
  return all.map((m) => handle(ref.dex, ref.part, m)).filter((m): m is MethodHandle => m !== undefined);
}

/**
 * The method `name` with proto `proto` (e.g. `([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V`)
 * defined by class `cls`; with `proto` omitted, the first method of that name.
 */
export function findMethod(
  dexes: DexFile | readonly DexFile[],
  cls: string,
  name: string,
  proto?: string,
): MethodHandle | undefined {
  const ref = findClass(dexes, cls);
  if (!ref) return undefined;
  return methodsOfClass(ref).find((m) => m.name === name && (proto === undefined || m.proto === proto));
}

/**
 * The implementation of `name`+`proto` a class would run: its own, else the nearest superclass's
 * defined in the APK (undefined when it is inherited from the framework).
 */
export function resolveMethod(
  dexes: DexFile | readonly DexFile[],
  cls: string,
  name: string,
  proto: string,
): MethodHandle | undefined {
  const list = asList(dexes);
  const h = hierarchy(list);
  const seen = new Set<string>();
  for (let c: string | undefined = cls; c && !seen.has(c); c = h.superOf.get(c)) {
    seen.add(c);
    const m = findMethod(list, c, name, proto);
    if (m) return m;
  }
  return undefined;
}
