import { AnomalyList, type Anomaly } from '../../core/anomaly.js';
import { isDfslabError } from '../../core/errors.js';
import { DEFAULT_LIMITS, type DexLimits } from '../../core/limits.js';
import { CODE_ITEM, DEX } from './constants.js';
import { payloadUnits } from './decode.js';
import { methodDescriptor } from './descriptors.js';
import { OPCODES, OP_UNITS, OP_WIDE_INDEX, OP_XREF, XREF_CLASS } from './opcodes.js';
import type { DexEncodedMethod, DexFile } from './types.js';

/** Struct-of-arrays cross references, in method order then bytecode order. */
export type DexXrefs = {
  count: number;
  /** The opcode of the referencing instruction (says invoke kind, iget vs sput, const-class…). */
  opcode: Uint8Array;
  /** The referenced id: method, field, string, type, call site, method handle or proto index. */
  target: Uint32Array;
  /** Code units from the start of the caller's insns. */
  offset: Uint32Array;
  /** Index of the referencing method in `DexIndex.methods`. */
  caller: Uint32Array;
};

/** Compressed rows: the xrefs to id `i` are `xref[start[i] .. start[i+1])`. */
export type DexCsr = { start: Uint32Array; xref: Uint32Array };

export type DexIndex = {
  dex: DexFile;
  /** Same array as `dex.methods` (built on first access: prefer `dex.method(i)` or `dex.members`). */
  readonly methods: readonly DexEncodedMethod[];
  /** The xrefs of method m are `[methodXrefStart[m], methodXrefStart[m + 1])`. */
  methodXrefStart: Uint32Array;
  xrefs: DexXrefs;
  /** Reverse indexes by target id. `byField` holds reads and writes (tell them apart by opcode). */
  byMethod: DexCsr;
  byField: DexCsr;
  byString: DexCsr;
  byType: DexCsr;
  /** Code units scanned. */
  codeUnits: number;
  anomalies: Anomaly[];
};

const MIN_CAPACITY = 1024;
/** Real apps have about one reference per 20 bytes of DEX; starting near that avoids regrowth. */
const BYTES_PER_XREF_ESTIMATE = 24;

class XrefBuilder {
  count = 0;
  opcode: Uint8Array;
  target: Uint32Array;
  offset: Uint32Array;
  caller: Uint32Array;
  constructor(capacity: number) {
    this.opcode = new Uint8Array(capacity);
    this.target = new Uint32Array(capacity);
    this.offset = new Uint32Array(capacity);
    this.caller = new Uint32Array(capacity);
  }
  push(op: number, target: number, offset: number, caller: number): void {
    if (this.count === this.opcode.length) this.grow();
    const i = this.count++;
    this.opcode[i] = op;
    this.target[i] = target;
    this.offset[i] = offset;
    this.caller[i] = caller;
  }
  private grow(): void {
    const n = this.opcode.length * 2;
    const o = new Uint8Array(n);
    o.set(this.opcode);
    this.opcode = o;
    const t = new Uint32Array(n);
    t.set(this.target);
    this.target = t;
    const f = new Uint32Array(n);
    f.set(this.offset);
    this.offset = f;
    const c = new Uint32Array(n);
    c.set(this.caller);
    this.caller = c;
  }
  /** The xrefs as exact-size copies (the builder is reused for the next DEX). */
  finish(): DexXrefs {
    const n = this.count;
    return {
      count: n,
      opcode: this.opcode.slice(0, n),
      target: this.target.slice(0, n),
      offset: this.offset.slice(0, n),
      caller: this.caller.slice(0, n),
    };
  }
}

/**
 * One builder serves every DEX in turn (`analyzeDex` runs to completion and `finish` copies):
 * a multidex app zero-fills its capacity once, not once per DEX, and keeps no spare capacity.
 */
let shared: XrefBuilder | undefined;

function xrefBuilder(capacity: number): XrefBuilder {
  if (!shared || shared.opcode.length < capacity) shared = new XrefBuilder(capacity);
  shared.count = 0;
  return shared;
}

/**
 * One linear pass over every code item: records each method's invokes, field reads/writes,
 * strings and types (with bytecode offsets) and builds reverse indexes. A bad method becomes an
 * anomaly and keeps the references read before the fault; the rest of the file is still scanned.
 * Overlapping code items that would make the scan super-linear stop it with an anomaly.
 */
export function analyzeDex(dex: DexFile, limits: DexLimits = DEFAULT_LIMITS.dex): DexIndex {
  const anomalies = new AnomalyList();
  const { methodCount, methodIdx, methodCodeOff } = dex.members;
  const b = dex.bytes;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const x = xrefBuilder(Math.max(MIN_CAPACITY, Math.floor(b.length / BYTES_PER_XREF_ESTIMATE)));
  const methodXrefStart = new Uint32Array(methodCount + 1);
  const counts = new Uint32Array(XREF_CLASS.proto + 1);
  counts[XREF_CLASS.invoke] = dex.ids.methodClass.length;
  counts[XREF_CLASS.fieldRead] = dex.ids.fieldClass.length;
  counts[XREF_CLASS.fieldWrite] = dex.ids.fieldClass.length;
  counts[XREF_CLASS.string] = dex.ids.strings.length;
  counts[XREF_CLASS.type] = dex.ids.types.length;
  counts[XREF_CLASS.callSite] = dex.callSiteIdsSize;
  counts[XREF_CLASS.methodHandle] = dex.methodHandlesSize;
  counts[XREF_CLASS.proto] = dex.ids.protoShorty.length;
  const seenCode = new CodeOffTable(methodCount);
  // A well-formed file's code items do not overlap, so their instructions total < file size / 2.
  let budget = Math.floor(b.length / 2) + 1;
  let codeUnits = 0;
  const describe = (mi: number): string => {
    try {
      return methodDescriptor(dex, methodIdx[mi]);
    } catch (e) {
      if (!isDfslabError(e)) throw e;
      return `method@${methodIdx[mi]}`;
    }
  };
  for (let mi = 0; mi < methodCount; mi++) {
    methodXrefStart[mi] = x.count;
    const codeOff = methodCodeOff[mi];
    if (codeOff === 0) continue;
    const earlier = seenCode.get(codeOff);
    if (earlier >= 0) {
      for (let k = methodXrefStart[earlier]; k < methodXrefStart[earlier + 1]; k++)
        x.push(x.opcode[k], x.target[k], x.offset[k], mi);
      anomalies.add({
        format: DEX,
        code: 'shared-code-item',
        severity: 'info',
        message: `${describe(mi)} shares its code_item with ${describe(earlier)}`,
        offset: codeOff,
      });
      continue;
    }
    seenCode.set(codeOff, mi);
    const problem = codeItemProblem(b, view, codeOff, limits.maxInsnsPerMethod);
    if (problem) {
      anomalies.add({
        format: DEX,
        code: 'bad-code-item',
        severity: 'error',
        message: `${describe(mi)}: ${problem}`,
        offset: codeOff,
      });
      continue;
    }
    const base = codeOff + CODE_ITEM.insns;
    const end = view.getUint32(codeOff + CODE_ITEM.insnsSize, true);
    budget -= end;
    if (budget < 0) {
      anomalies.add({
        format: DEX,
        code: 'overlapping-code',
        severity: 'error',
        message: `code items overlap (more instructions than the file can hold); ${methodCount - mi} methods from ${describe(mi)} on were not scanned`,
        offset: codeOff,
      });
      for (let k = mi + 1; k <= methodCount; k++) methodXrefStart[k] = x.count;
      break;
    }
    codeUnits += end;
    const fault = scanCode(b, base, end, mi, counts, x);
    if (fault)
      anomalies.add({
        format: DEX,
        code: 'bad-instruction',
        severity: 'error',
        message: `${describe(mi)}: ${fault.reason} at code unit ${fault.pc}`,
        offset: base + fault.pc * 2,
      });
  }
  methodXrefStart[methodCount] = x.count;
  const xrefs = x.finish();
  const [byMethod, byField, byString, byType] = buildCsrs(xrefs, counts);
  return {
    dex,
    get methods() {
      return dex.methods;
    },
    methodXrefStart,
    xrefs,
    byMethod,
    byField,
    byString,
    byType,
    codeUnits,
    anomalies: anomalies.toArray(),
  };
}

/**
 * codeOff → first method index using it: open addressing over typed arrays (a Map of a million
 * entries costs more in allocation and GC than the whole scan it guards).
 */
class CodeOffTable {
  private readonly keys: Uint32Array;
  private readonly vals: Int32Array;
  private readonly mask: number;
  /** 32 − log2(capacity): the hash takes the product's high bits (offsets are multiples of 4). */
  private readonly shift: number;
  constructor(n: number) {
    let cap = 16;
    let bits = 4;
    while (cap < n * 2) {
      cap *= 2;
      bits++;
    }
    this.keys = new Uint32Array(cap); // 0 = empty (a method with code never has codeOff 0)
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - bits;
  }
  private slot(off: number): number {
    return Math.imul(off, 0x9e3779b1) >>> this.shift;
  }
  /** The method that first used `off`, or -1. */
  get(off: number): number {
    for (let h = this.slot(off); ; h = (h + 1) & this.mask) {
      const k = this.keys[h];
      if (k === 0) return -1;
      if (k === off) return this.vals[h];
    }
  }
  set(off: number, method: number): void {
    for (let h = this.slot(off); ; h = (h + 1) & this.mask) {
      const k = this.keys[h];
      if (k === 0 || k === off) {
        this.keys[h] = off;
        this.vals[h] = method;
        return;
      }
    }
  }
}

/** Why the code_item at `off` cannot be scanned, or undefined when its insns lie inside the file. */
function codeItemProblem(b: Uint8Array, view: DataView, off: number, maxInsns: number): string | undefined {
  if (off % 4 !== 0 || off + CODE_ITEM.insns > b.length)
    return `code_item offset ${off} is unaligned or outside the file`;
  const n = view.getUint32(off + CODE_ITEM.insnsSize, true);
  if (n > maxInsns) return `insns_size ${n} exceeds the limit of ${maxInsns}`;
  if (n > (b.length - off - CODE_ITEM.insns) / 2) return `insns_size ${n} runs past the end of the file`;
  return undefined;
}

type Fault = { pc: number; reason: string };

/**
 * Per opcode, packed for one lookup in the hot loop: units (bits 0-2; 0 marks an unused opcode),
 * xref class (bits 3-6), 32-bit index (bit 7).
 */
const OP_INFO = Uint8Array.from({ length: 256 }, (_, op) =>
  OPCODES[op].name.startsWith('unused') ? 0 : OP_UNITS[op] | (OP_XREF[op] << 3) | (OP_WIDE_INDEX[op] << 7),
);

/** The hot loop: no allocation except when an instruction is malformed. */
function scanCode(
  b: Uint8Array,
  base: number,
  end: number,
  caller: number,
  counts: Uint32Array,
  x: XrefBuilder,
): Fault | undefined {
  let pc = 0;
  let firstFault: Fault | undefined;
  while (pc < end) {
    const at = base + pc * 2;
    const op = b[at];
    if (op === 0) {
      const hi = b[at + 1];
      if (hi >= 1 && hi <= 3) {
        const n = payloadUnits(b, base, pc, end);
        if (n < 0 || pc + n > end) return { pc, reason: 'payload runs past the end of the method' };
        pc += n;
        continue;
      }
      pc++;
      continue;
    }
    const info = OP_INFO[op];
    if (info === 0) {
      // ART's verifier rejects unused opcodes; step over one unit and say so.
      firstFault ??= { pc, reason: `unused opcode 0x${op.toString(16)}` };
      pc++;
      continue;
    }
    const len = info & 7;
    if (pc + len > end)
      return { pc, reason: `instruction 0x${op.toString(16)} runs past the end of the method` };
    if (info > 7) {
      const xc = (info >> 3) & 0xf;
      const idx =
        info > 0x7f
          ? (b[at + 2] | (b[at + 3] << 8) | (b[at + 4] << 16)) + b[at + 5] * 0x1000000
          : b[at + 2] | (b[at + 3] << 8);
      if (idx < counts[xc]) x.push(op, idx, pc, caller);
      else firstFault ??= { pc, reason: `index ${idx} of opcode 0x${op.toString(16)} out of range` };
    }
    pc += len;
  }
  return firstFault;
}

/** Slot of each xref class in the four reverse indexes (method, field, string, type), or -1. */
const CSR_SLOT = Int8Array.from({ length: XREF_CLASS.proto + 1 }, (_, c) =>
  c === XREF_CLASS.invoke
    ? 0
    : c === XREF_CLASS.fieldRead || c === XREF_CLASS.fieldWrite
      ? 1
      : c === XREF_CLASS.string
        ? 2
        : c === XREF_CLASS.type
          ? 3
          : -1,
);

/** The reverse-index slot of each opcode (CSR_SLOT of its xref class), for one lookup per xref. */
const OP_CSR_SLOT = Int8Array.from({ length: 256 }, (_, op) => CSR_SLOT[OP_XREF[op]]);

/**
 * Builds the four reverse indexes with one counting pass and one filling pass over the xrefs.
 * The four `start` arrays are segments of one array and the four `xref` arrays of another, so
 * both passes index a single typed array.
 */
function buildCsrs(x: DexXrefs, counts: Uint32Array): DexCsr[] {
  const sizes = [
    counts[XREF_CLASS.invoke],
    counts[XREF_CLASS.fieldRead],
    counts[XREF_CLASS.string],
    counts[XREF_CLASS.type],
  ];
  // Segment k of `all` is [base[k], base[k] + sizes[k] + 1): id t of slot k counts at base[k] + t + 1.
  const base = new Int32Array(sizes.length + 1);
  for (let k = 0; k < sizes.length; k++) base[k + 1] = base[k] + sizes[k] + 1;
  const all = new Uint32Array(base[sizes.length]);
  const { opcode, target } = x;
  for (let i = 0; i < x.count; i++) {
    const slot = OP_CSR_SLOT[opcode[i]];
    if (slot >= 0) all[base[slot] + target[i] + 1]++;
  }
  // One running sum over every segment: entries become positions in the shared xref array (a
  // segment's first entry, never counted into, is the number of xrefs of the segments before it).
  for (let j = 1; j < all.length; j++) all[j] += all[j - 1];
  const fill = all.slice();
  const xrefAll = new Uint32Array(all[all.length - 1]);
  for (let i = 0; i < x.count; i++) {
    const slot = OP_CSR_SLOT[opcode[i]];
    if (slot >= 0) xrefAll[fill[base[slot] + target[i]]++] = i;
  }
  return sizes.map((n, k) => {
    const start = all.subarray(base[k], base[k] + n + 1);
    const first = start[0];
    const xref = xrefAll.subarray(first, start[n]);
    for (let t = 0; t <= n; t++) start[t] -= first;
    return { start, xref };
  });
}
