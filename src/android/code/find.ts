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

/** One class of the APK: its first definition, its supertypes' names and its definition position. */
type ClassNode = {
  ref: ClassRef;
  /** The superclass (undefined for none or an empty descriptor). */
  sup: string | undefined;
  ifaces: readonly string[];
  /** Position in definition order (to return subtypes in that order). */
  order: number;
};

type Hierarchy = {
  /** One entry per class name (one Map for the whole graph: one hash insertion per class). */
  nodes: Map<string, ClassNode>;
  /** Reverse edges: the APK classes naming a type as their superclass or one of their interfaces. */
  childrenOf?: Map<string, string[]>;
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
  const nodes = new Map<string, ClassNode>();
  for (let part = 0; part < dexes.length; part++) {
    const dex = dexes[part];
    const { classDefs } = dex;
    for (let c = 0; c < classDefs.length; c++) {
      const cd = classDefs[c];
      const name = safeType(dex, cd.classIdx);
      if (name === undefined || nodes.has(name)) continue;
      const sup = cd.superclassIdx >= 0 ? safeType(dex, cd.superclassIdx) : undefined;
      let ifaces = NO_NAMES;
      if (cd.interfaces.length > 0) {
        const list: string[] = [];
        for (let k = 0; k < cd.interfaces.length; k++) {
          const i = safeType(dex, cd.interfaces[k]);
          if (i !== undefined) list.push(i);
        }
        ifaces = list;
      }
      nodes.set(name, {
        ref: { dex, part, classDef: cd, descriptor: name },
        sup: sup ? sup : undefined,
        ifaces,
        order: nodes.size,
      });
    }
  }
  const h: Hierarchy = { nodes, subtypes: new Map() };
  if (first) hierarchies.set(first, { parts: [...dexes], h });
  return h;
}

function addChild(children: Map<string, string[]>, parent: string, child: string): void {
  const list = children.get(parent);
  if (list) list.push(child);
  else children.set(parent, [child]);
}

/** The reverse edges, built on the first subtype query. */
function reverseIndex(h: Hierarchy): Map<string, string[]> {
  if (h.childrenOf) return h.childrenOf;
  const childrenOf = new Map<string, string[]>();
  // forEach and indexed loops: no iterator result per class.
  h.nodes.forEach((node, name) => {
    const { ifaces } = node;
    for (let k = 0; k < ifaces.length; k++) addChild(childrenOf, ifaces[k], name);
    if (node.sup) addChild(childrenOf, node.sup, name);
  });
  h.childrenOf = childrenOf;
  return childrenOf;
}

/** The class defined as `descriptor` (e.g. `Lcom/x/Y;`) in any of the DEX files. */
export function findClass(dexes: DexFile | readonly DexFile[], descriptor: string): ClassRef | undefined {
  return hierarchy(asList(dexes)).nodes.get(descriptor)?.ref;
}

/** Every supertype of a class the APK defines (superclasses and interfaces, transitively, within the APK and one step beyond). */
export function supertypesOf(dexes: DexFile | readonly DexFile[], descriptor: string): Set<string> {
  const h = hierarchy(asList(dexes));
  const out = new Set<string>();
  const stack = [descriptor];
  while (stack.length > 0) {
    const c = stack.pop() as string;
    const node = h.nodes.get(c);
    for (const n of node?.ifaces ?? NO_NAMES) {
      if (out.has(n)) continue;
      out.add(n);
      stack.push(n);
    }
    const sup = node?.sup;
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
  const childrenOf = reverseIndex(h);
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
  const nodes: ClassNode[] = [];
  for (const n of found) {
    const node = h.nodes.get(n);
    if (node) nodes.push(node);
  }
  nodes.sort((a, b) => a.order - b.order);
  const out = nodes.map((n) => n.ref);
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
  for (let c: string | undefined = cls; c && !seen.has(c); c = h.nodes.get(c)?.sup) {
    seen.add(c);
    const m = findMethod(list, c, name, proto);
    if (m) return m;
  }
  return undefined;
}
