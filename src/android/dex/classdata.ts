import type { AnomalyList } from '../../core/anomaly.js';
import { FormatError, LimitError } from '../../core/errors.js';
import type { DexLimits } from '../../core/limits.js';
import { CLASS_DEF, CLASS_DEF_SIZE, CODE_ITEM, DEX, NO_INDEX } from './constants.js';
import type {
  DexClassDef,
  DexCodeItem,
  DexEncodedField,
  DexEncodedMethod,
  DexFile,
  DexHeader,
  DexIds,
} from './types.js';

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
    private readonly bytes: Uint8Array,
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
export function readClassDefs(inp: ClassDefsInput): {
  classDefs: DexClassDef[];
  methods: DexEncodedMethod[];
} {
  const { bytes, view, header: h, ids, anomalies } = inp;
  const classDefs: DexClassDef[] = [];
  const methods: DexEncodedMethod[] = [];
  const seenClass = new Set<number>();
  const seenData = new Set<number>();
  const budget = { items: inp.limits.maxItems };
  for (let i = 0; i < h.classDefsSize; i++) {
    const o = h.classDefsOff + i * CLASS_DEF_SIZE;
    const classIdx = view.getUint32(o + CLASS_DEF.classIdx, true);
    const superRaw = view.getUint32(o + CLASS_DEF.superclassIdx, true);
    const sourceRaw = view.getUint32(o + CLASS_DEF.sourceFileIdx, true);
    const cd: DexClassDef = {
      classIdx,
      accessFlags: view.getUint32(o + CLASS_DEF.accessFlags, true),
      superclassIdx: superRaw === NO_INDEX ? -1 : superRaw,
      interfaces: [],
      sourceFileIdx: sourceRaw === NO_INDEX ? -1 : sourceRaw,
      annotationsOff: view.getUint32(o + CLASS_DEF.annotationsOff, true),
      classDataOff: view.getUint32(o + CLASS_DEF.classDataOff, true),
      staticValuesOff: view.getUint32(o + CLASS_DEF.staticValuesOff, true),
      staticFields: [],
      instanceFields: [],
      directMethods: [],
      virtualMethods: [],
    };
    if (classIdx >= ids.types.length) {
      classAnomaly(anomalies, i, o, 'bad-class-def', `class type ${classIdx} out of range; class skipped`);
      continue;
    }
    if (seenClass.has(classIdx))
      classAnomaly(anomalies, i, o, 'duplicate-class', `class type ${classIdx} is defined again`);
    seenClass.add(classIdx);
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
    try {
      cd.interfaces = inp.readTypeList(
        bytes,
        view,
        view.getUint32(o + CLASS_DEF.interfacesOff, true),
        ids.types.length,
      );
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      classAnomaly(anomalies, i, o, 'bad-interfaces', e.message);
    }
    classDefs.push(cd);
    if (cd.classDataOff === 0) continue;
    if (seenData.has(cd.classDataOff)) {
      classAnomaly(
        anomalies,
        i,
        o,
        'shared-class-data',
        `class_data at ${cd.classDataOff} is shared with an earlier class; ignored`,
      );
      continue;
    }
    seenData.add(cd.classDataOff);
    try {
      readClassData(bytes, cd, classDefs.length - 1, ids, budget, inp.limits, methods);
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
  reportInheritanceCycles(classDefs, anomalies);
  return { classDefs, methods };
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
  classDefs.forEach((c, i) => {
    if (byType[c.classIdx] < 0) byType[c.classIdx] = i;
  });
  const defOf = (t: number): number | undefined =>
    t >= 0 && t <= maxType && byType[t] >= 0 ? byType[t] : undefined;
  const UNSEEN = 0;
  const ON_PATH = 1;
  const DONE = 2;
  const state = new Uint8Array(classDefs.length);
  for (let start = 0; start < classDefs.length; start++) {
    if (state[start] !== UNSEEN) continue; // nothing to walk: the loop below would stop at once
    const path: number[] = [];
    let i: number | undefined = start;
    while (i !== undefined && state[i] === UNSEEN) {
      state[i] = ON_PATH;
      path.push(i);
      const sup: number = classDefs[i].superclassIdx;
      i = sup === classDefs[i].classIdx ? undefined : defOf(sup);
    }
    if (i !== undefined && state[i] === ON_PATH) {
      anomalies.add({
        format: DEX,
        code: 'class-cycle',
        severity: 'error',
        message: `class_def ${i} is its own ancestor through ${path.length - path.indexOf(i)} classes`,
      });
    }
    for (const p of path) state[p] = DONE;
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
  bytes: Uint8Array,
  cd: DexClassDef,
  classDefIndex: number,
  ids: DexIds,
  budget: { items: number },
  limits: DexLimits,
  methods: DexEncodedMethod[],
): void {
  const r = new Uleb(bytes, cd.classDataOff);
  if (cd.classDataOff >= bytes.length)
    throw new FormatError(DEX, cd.classDataOff, 'class_data offset past the end');
  const counts = [r.read(), r.read(), r.read(), r.read()];
  const total = counts[0] + counts[1] + counts[2] + counts[3];
  // Each encoded field takes at least 2 bytes and each method at least 3: reject counts that cannot fit.
  if (
    counts[0] + counts[1] > (bytes.length - r.pos) / 2 ||
    counts[2] + counts[3] > (bytes.length - r.pos) / 3
  ) {
    throw new FormatError(
      DEX,
      cd.classDataOff,
      `class_data counts ${counts.join('/')} do not fit in the file`,
    );
  }
  budget.items -= total;
  if (budget.items < 0)
    throw new LimitError(DEX, 'class members', limits.maxItems - budget.items, limits.maxItems);
  readFields(r, counts[0], ids.fieldClass.length, cd.staticFields);
  readFields(r, counts[1], ids.fieldClass.length, cd.instanceFields);
  readMethods(r, counts[2], ids.methodClass.length, cd.directMethods, true, classDefIndex, methods);
  readMethods(r, counts[3], ids.methodClass.length, cd.virtualMethods, false, classDefIndex, methods);
}

function readFields(r: Uleb, n: number, max: number, out: DexEncodedField[]): void {
  let idx = 0;
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    idx += r.read();
    const accessFlags = r.read();
    if (idx >= max) throw new FormatError(DEX, at, `field index ${idx} out of range`);
    out.push({ fieldIdx: idx, accessFlags });
  }
}

function readMethods(
  r: Uleb,
  n: number,
  max: number,
  out: DexEncodedMethod[],
  direct: boolean,
  classDef: number,
  all: DexEncodedMethod[],
): void {
  let idx = 0;
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    idx += r.read();
    const accessFlags = r.read();
    const codeOff = r.read();
    if (idx >= max) throw new FormatError(DEX, at, `method index ${idx} out of range`);
    const m: DexEncodedMethod = { methodIdx: idx, accessFlags, codeOff, direct, classDef };
    out.push(m);
    all.push(m);
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
