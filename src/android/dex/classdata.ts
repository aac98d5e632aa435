import type { AnomalyList } from '../../core/anomaly.js';
import { FormatError, LimitError } from '../../core/errors.js';
import type { DexLimits } from '../../core/limits.js';
import { CLASS_DEF, CLASS_DEF_SIZE, CODE_ITEM, DEX, NO_INDEX } from './constants.js';
import { ClassDefRecord, MemberStore } from './members.js';
import type { DexClassDef, DexCodeItem, DexFile, DexHeader, DexIds } from './types.js';

type ClassDefsInput = {
  bytes: Uint8Array;
  view: DataView;
  header: DexHeader;
  ids: DexIds;
  limits: DexLimits;
  anomalies: AnomalyList;
  readTypeList: (bytes: Uint8Array, view: DataView, off: number, typeCount: number) => number[];
};

/** A bounds-checked uleb128 cursor over the class_data bytes. */
class Uleb {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    pos: number,
  ) {
    this.pos = pos;
  }
  read(): number {
    const b = this.bytes;
    let p = this.pos;
    if (p + 5 <= b.length) {
      // Fast path: all five possible bytes are inside the buffer.
      let x = b[p++];
      let r = x & 0x7f;
      if (x >= 0x80) {
        x = b[p++];
        r |= (x & 0x7f) << 7;
        if (x >= 0x80) {
          x = b[p++];
          r |= (x & 0x7f) << 14;
          if (x >= 0x80) {
            x = b[p++];
            r |= (x & 0x7f) << 21;
            if (x >= 0x80) {
              x = b[p++];
              if (x >= 0x80) throw new FormatError(DEX, p - 5, 'uleb128 longer than 5 bytes');
              r = (r + (x & 0x0f) * 0x10000000) >>> 0;
            }
          }
        }
      }
      this.pos = p;
      return r;
    }
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= b.length) throw new FormatError(DEX, this.pos, 'uleb128 runs past the end of the file');
      const x = b[this.pos++];
      result += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
    throw new FormatError(DEX, this.pos - 5, 'uleb128 longer than 5 bytes');
  }
}

/** Reads every class_def_item and its class_data_item. A bad class_data costs only that class. */
export function readClassDefs(inp: ClassDefsInput): { classDefs: DexClassDef[]; members: MemberStore } {
  const { bytes, view, header: h, ids, anomalies } = inp;
  const classDefs: DexClassDef[] = [];
  const members = new MemberStore(ids.methodClass.length, ids.fieldClass.length);
  // Type ids are < 65,536 (checked when the ids are read): one bit per type.
  const seenClass = new Uint8Array(ids.types.length);
  const seenData = new OffsetSet();
  const budget = { items: inp.limits.maxItems };
  const r = new Uleb(bytes, 0);
  for (let i = 0; i < h.classDefsSize; i++) {
    const o = h.classDefsOff + i * CLASS_DEF_SIZE;
    const classIdx = view.getUint32(o + CLASS_DEF.classIdx, true);
    const superRaw = view.getUint32(o + CLASS_DEF.superclassIdx, true);
    const sourceRaw = view.getUint32(o + CLASS_DEF.sourceFileIdx, true);
    const cd = new ClassDefRecord(
      members,
      classIdx,
      view.getUint32(o + CLASS_DEF.accessFlags, true),
      superRaw === NO_INDEX ? -1 : superRaw,
      sourceRaw === NO_INDEX ? -1 : sourceRaw,
      view.getUint32(o + CLASS_DEF.annotationsOff, true),
      view.getUint32(o + CLASS_DEF.classDataOff, true),
      view.getUint32(o + CLASS_DEF.staticValuesOff, true),
    );
    if (classIdx >= ids.types.length) {
      classAnomaly(anomalies, i, o, 'bad-class-def', `class type ${classIdx} out of range; class skipped`);
      continue;
    }
    if (seenClass[classIdx] === 1)
      classAnomaly(anomalies, i, o, 'duplicate-class', `class type ${classIdx} is defined again`);
    seenClass[classIdx] = 1;
    if (cd.superclassIdx >= ids.types.length) {
      classAnomaly(anomalies, i, o, 'bad-class-def', `superclass type ${cd.superclassIdx} out of range`);
      cd.superclassIdx = -1;
    } else if (cd.superclassIdx === classIdx) {
      classAnomaly(anomalies, i, o, 'class-self-inheritance', 'class is its own superclass');
    }
    if (cd.sourceFileIdx >= ids.strings.length) {
      classAnomaly(anomalies, i, o, 'bad-class-def', `source file string ${cd.sourceFileIdx} out of range`);
      cd.sourceFileIdx = -1;
    }
    const interfacesOff = view.getUint32(o + CLASS_DEF.interfacesOff, true);
    if (interfacesOff !== 0) {
      try {
        cd.interfaces = inp.readTypeList(bytes, view, interfacesOff, ids.types.length);
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
        classAnomaly(anomalies, i, o, 'bad-interfaces', e.message);
      }
    }
    classDefs.push(cd);
    if (cd.classDataOff === 0) continue;
    if (!seenData.add(cd.classDataOff)) {
      classAnomaly(
        anomalies,
        i,
        o,
        'shared-class-data',
        `class_data at ${cd.classDataOff} is shared with an earlier class; ignored`,
      );
      continue;
    }
    try {
      readClassData(r, cd, classDefs.length - 1, ids, budget, inp.limits, members);
    } catch (e) {
      if (e instanceof LimitError) throw e;
      if (!(e instanceof FormatError)) throw e;
      classAnomaly(
        anomalies,
        i,
        o,
        'bad-class-data',
        `${e.reason}; the class keeps what was read before the error`,
      );
    }
  }
  members.trim();
  reportInheritanceCycles(classDefs, anomalies);
  return { classDefs, members };
}

/**
 * A set of class_data offsets. Real files list class_data in ascending offset order, so a new
 * offset above every earlier one is known to be new without a lookup; only out-of-order offsets
 * (rare, or hostile) fall back to a Set of every offset seen.
 */
class OffsetSet {
  private max = -1;
  private readonly inOrder: number[] = [];
  private all: Set<number> | undefined;
  /** Adds `off`; false when it was already there. */
  add(off: number): boolean {
    if (off > this.max) {
      this.max = off;
      if (this.all) this.all.add(off);
      else this.inOrder.push(off);
      return true;
    }
    if (!this.all) this.all = new Set(this.inOrder);
    if (this.all.has(off)) return false;
    this.all.add(off);
    return true;
  }
}

/**
 * Superclass chains that loop inside this file (A extends B extends A). Each class is visited
 * once: linear in the number of classes. (A class that is its own superclass is reported above.)
 */
function reportInheritanceCycles(classDefs: DexClassDef[], anomalies: AnomalyList): void {
  // type index → first class_def defining it (type ids are u16-bounded; -1 = none).
  let maxType = 0;
  for (const c of classDefs) if (c.classIdx > maxType) maxType = c.classIdx;
  const byType = new Int32Array(maxType + 1).fill(-1);
  for (let i = 0; i < classDefs.length; i++) {
    const t = classDefs[i].classIdx;
    if (byType[t] < 0) byType[t] = i;
  }
  const UNSEEN = 0;
  const ON_PATH = 1;
  const DONE = 2;
  const state = new Uint8Array(classDefs.length);
  const path = new Int32Array(classDefs.length);
  for (let start = 0; start < classDefs.length; start++) {
    if (state[start] !== UNSEEN) continue; // nothing to walk: the loop below would stop at once
    let len = 0;
    let i = start;
    while (i >= 0 && state[i] === UNSEEN) {
      state[i] = ON_PATH;
      path[len++] = i;
      const sup = classDefs[i].superclassIdx;
      i = sup === classDefs[i].classIdx || sup < 0 || sup > maxType ? -1 : byType[sup];
    }
    if (i >= 0 && state[i] === ON_PATH) {
      anomalies.add({
        format: DEX,
        code: 'class-cycle',
        severity: 'error',
        message: `class_def ${i} is its own ancestor through ${len - path.subarray(0, len).indexOf(i)} classes`,
      });
    }
    for (let k = 0; k < len; k++) state[path[k]] = DONE;
  }
}

function classAnomaly(
  anomalies: AnomalyList,
  i: number,
  offset: number,
  code: string,
  message: string,
): void {
  anomalies.add({ format: DEX, code, severity: 'error', message: `class_def ${i}: ${message}`, offset });
}

function readClassData(
  r: Uleb,
  cd: DexClassDef,
  classDefIndex: number,
  ids: DexIds,
  budget: { items: number },
  limits: DexLimits,
  members: MemberStore,
): void {
  const { bytes } = r;
  r.pos = cd.classDataOff;
  if (cd.classDataOff >= bytes.length)
    throw new FormatError(DEX, cd.classDataOff, 'class_data offset past the end');
  const nStatic = r.read();
  const nInstance = r.read();
  const nDirect = r.read();
  const nVirtual = r.read();
  const total = nStatic + nInstance + nDirect + nVirtual;
  // Each encoded field takes at least 2 bytes and each method at least 3: reject counts that cannot fit.
  if (nStatic + nInstance > (bytes.length - r.pos) / 2 || nDirect + nVirtual > (bytes.length - r.pos) / 3) {
    throw new FormatError(
      DEX,
      cd.classDataOff,
      `class_data counts ${nStatic}/${nInstance}/${nDirect}/${nVirtual} do not fit in the file`,
    );
  }
  budget.items -= total;
  if (budget.items < 0)
    throw new LimitError(DEX, 'class members', limits.maxItems - budget.items, limits.maxItems);
  // The counts are set as the members are read, so a class keeps what was read before an error.
  cd.fieldStart = members.fieldCount;
  cd.methodStart = members.methodCount;
  try {
    readFields(r, nStatic, ids.fieldClass.length, members);
    cd.staticCount = members.fieldCount - cd.fieldStart;
    readFields(r, nInstance, ids.fieldClass.length, members);
    cd.instanceCount = members.fieldCount - cd.fieldStart - cd.staticCount;
    readMethods(r, nDirect, ids.methodClass.length, members, true, classDefIndex);
    cd.directCount = members.methodCount - cd.methodStart;
    readMethods(r, nVirtual, ids.methodClass.length, members, false, classDefIndex);
    cd.virtualCount = members.methodCount - cd.methodStart - cd.directCount;
  } catch (e) {
    const fields = members.fieldCount - cd.fieldStart;
    const methods = members.methodCount - cd.methodStart;
    if (fields > cd.staticCount + cd.instanceCount) {
      if (fields <= nStatic && cd.staticCount === 0) cd.staticCount = fields;
      else cd.instanceCount = fields - cd.staticCount;
    }
    if (methods > cd.directCount + cd.virtualCount) {
      if (methods <= nDirect && cd.directCount === 0) cd.directCount = methods;
      else cd.virtualCount = methods - cd.directCount;
    }
    throw e;
  }
}

function readFields(r: Uleb, n: number, max: number, out: MemberStore): void {
  let idx = 0;
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    idx += r.read();
    const accessFlags = r.read();
    if (idx >= max) throw new FormatError(DEX, at, `field index ${idx} out of range`);
    out.pushField(idx, accessFlags);
  }
}

function readMethods(
  r: Uleb,
  n: number,
  max: number,
  out: MemberStore,
  direct: boolean,
  classDef: number,
): void {
  let idx = 0;
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    idx += r.read();
    const accessFlags = r.read();
    const codeOff = r.read();
    if (idx >= max) throw new FormatError(DEX, at, `method index ${idx} out of range`);
    out.pushMethod(idx, accessFlags, codeOff, direct, classDef);
  }
}

/** Reads and bounds-checks the code_item at `codeOff`. */
export function readCodeItem(dex: DexFile, codeOff: number, maxInsns = Infinity): DexCodeItem {
  const { bytes } = dex;
  if (codeOff === 0 || codeOff % 4 !== 0 || codeOff + CODE_ITEM.insns > bytes.length) {
    throw new FormatError(DEX, codeOff, `code_item offset ${codeOff} is unaligned or outside the file`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const insnsSize = view.getUint32(codeOff + CODE_ITEM.insnsSize, true);
  if (insnsSize > maxInsns) throw new LimitError(DEX, 'insns_size', insnsSize, maxInsns);
  const insnsOff = codeOff + CODE_ITEM.insns;
  if (insnsSize > (bytes.length - insnsOff) / 2) {
    throw new FormatError(
      DEX,
      codeOff + CODE_ITEM.insnsSize,
      `insns_size ${insnsSize} runs past the end of the file`,
    );
  }
  return {
    offset: codeOff,
    registersSize: view.getUint16(codeOff + CODE_ITEM.registersSize, true),
    insSize: view.getUint16(codeOff + CODE_ITEM.insSize, true),
    outsSize: view.getUint16(codeOff + CODE_ITEM.outsSize, true),
    triesSize: view.getUint16(codeOff + CODE_ITEM.triesSize, true),
    debugInfoOff: view.getUint32(codeOff + CODE_ITEM.debugInfoOff, true),
    insnsOff,
    insnsSize,
  };
}
