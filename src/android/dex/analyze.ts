import { AnomalyList, type Anomaly } from '../../core/anomaly.js';
import { isDfslabError } from '../../core/errors.js';
import { DEFAULT_LIMITS, type DexLimits } from '../../core/limits.js';
import { readCodeItem } from './classdata.js';
import { DEX } from './constants.js';
import { payloadUnits } from './decode.js';
import { methodDescriptor } from './descriptors.js';
import { OP_UNITS, OP_WIDE_INDEX, OP_XREF, XREF_CLASS } from './opcodes.js';
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
  /** Same array as `dex.methods`. */
  methods: DexEncodedMethod[];
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

const INITIAL_CAPACITY = 1024;

class XrefBuilder {
  count = 0;
  opcode = new Uint8Array(INITIAL_CAPACITY);
  target = new Uint32Array(INITIAL_CAPACITY);
  offset = new Uint32Array(INITIAL_CAPACITY);
  caller = new Uint32Array(INITIAL_CAPACITY);
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
  finish(): DexXrefs {
    const n = this.count;
    return { count: n, opcode: this.opcode.subarray(0, n), target: this.target.subarray(0, n), offset: this.offset.subarray(0, n), caller: this.caller.subarray(0, n) };
  }
}

/**
 * One linear pass over every code item: records each method's invokes, field reads/writes,
 * strings and types (with bytecode offsets) and builds reverse indexes. A bad method becomes an
 * anomaly and keeps the references read before the fault; the rest of the file is still scanned.
 * Overlapping code items that would make the scan super-linear stop it with an anomaly.
 */
export function analyzeDex(dex: DexFile, limits: DexLimits = DEFAULT_LIMITS.dex): DexIndex {
  const anomalies = new AnomalyList();
  const methods = dex.methods;
  const b = dex.bytes;
  const x = new XrefBuilder();
  const methodXrefStart = new Uint32Array(methods.length + 1);
  const counts = new Uint32Array(XREF_CLASS.proto + 1);
  counts[XREF_CLASS.invoke] = dex.ids.methodClass.length;
  counts[XREF_CLASS.fieldRead] = dex.ids.fieldClass.length;
  counts[XREF_CLASS.fieldWrite] = dex.ids.fieldClass.length;
  counts[XREF_CLASS.string] = dex.ids.strings.length;
  counts[XREF_CLASS.type] = dex.ids.types.length;
  counts[XREF_CLASS.callSite] = dex.callSiteIdsSize;
  counts[XREF_CLASS.methodHandle] = dex.methodHandlesSize;
  counts[XREF_CLASS.proto] = dex.ids.protoShorty.length;
  const seenCode = new Map<number, number>();
  // A well-formed file's code items do not overlap, so their instructions total < file size / 2.
  let budget = Math.floor(b.length / 2) + 1;
  let codeUnits = 0;
  const describe = (m: DexEncodedMethod): string => {
    try {
      return methodDescriptor(dex, m.methodIdx);
    } catch {
      return `method@${m.methodIdx}`;
    }
  };
  for (let mi = 0; mi < methods.length; mi++) {
    methodXrefStart[mi] = x.count;
    const m = methods[mi];
    if (m.codeOff === 0) continue;
    const earlier = seenCode.get(m.codeOff);
    if (earlier !== undefined) {
      for (let k = methodXrefStart[earlier]; k < methodXrefStart[earlier + 1]; k++) x.push(x.opcode[k], x.target[k], x.offset[k], mi);
      anomalies.add({ format: DEX, code: 'shared-code-item', severity: 'info', message: `${describe(m)} shares its code_item with ${describe(methods[earlier])}`, offset: m.codeOff });
      continue;
    }
    seenCode.set(m.codeOff, mi);
    let base: number;
    let end: number;
    try {
      const code = readCodeItem(dex, m.codeOff, limits.maxInsnsPerMethod);
      base = code.insnsOff;
      end = code.insnsSize;
    } catch (e) {
      if (!isDfslabError(e)) throw e;
      anomalies.add({ format: DEX, code: 'bad-code-item', severity: 'error', message: `${describe(m)}: ${e.message}`, offset: m.codeOff });
      continue;
    }
    budget -= end;
    if (budget < 0) {
      anomalies.add({ format: DEX, code: 'overlapping-code', severity: 'error', message: `code items overlap (more instructions than the file can hold); ${methods.length - mi} methods from ${describe(m)} on were not scanned`, offset: m.codeOff });
      for (let k = mi + 1; k <= methods.length; k++) methodXrefStart[k] = x.count;
      break;
    }
    codeUnits += end;
    const fault = scanCode(b, base, end, mi, counts, x);
    if (fault) anomalies.add({ format: DEX, code: 'bad-instruction', severity: 'error', message: `${describe(m)}: ${fault.reason} at code unit ${fault.pc}`, offset: base + fault.pc * 2 });
  }
  methodXrefStart[methods.length] = x.count;
  const xrefs = x.finish();
  return {
    dex,
    methods,
    methodXrefStart,
    xrefs,
    byMethod: buildCsr(xrefs, counts[XREF_CLASS.invoke], XREF_CLASS.invoke, XREF_CLASS.invoke),
    byField: buildCsr(xrefs, counts[XREF_CLASS.fieldRead], XREF_CLASS.fieldRead, XREF_CLASS.fieldWrite),
    byString: buildCsr(xrefs, counts[XREF_CLASS.string], XREF_CLASS.string, XREF_CLASS.string),
    byType: buildCsr(xrefs, counts[XREF_CLASS.type], XREF_CLASS.type, XREF_CLASS.type),
    codeUnits,
    anomalies: anomalies.toArray(),
  };
}

type Fault = { pc: number; reason: string };

/** The hot loop: no allocation except when an instruction is malformed. */
function scanCode(b: Uint8Array, base: number, end: number, caller: number, counts: Uint32Array, x: XrefBuilder): Fault | undefined {
  let pc = 0;
  let badIndex: Fault | undefined;
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
    const len = OP_UNITS[op];
    if (pc + len > end) return { pc, reason: `instruction 0x${op.toString(16)} runs past the end of the method` };
    const xc = OP_XREF[op];
    if (xc !== 0) {
      const idx = OP_WIDE_INDEX[op] === 1 ? (b[at + 2] | (b[at + 3] << 8) | (b[at + 4] << 16)) + b[at + 5] * 0x1000000 : b[at + 2] | (b[at + 3] << 8);
      if (idx < counts[xc]) x.push(op, idx, pc, caller);
      else badIndex ??= { pc, reason: `index ${idx} of opcode 0x${op.toString(16)} out of range` };
    }
    pc += len;
  }
  return badIndex;
}

function buildCsr(x: DexXrefs, n: number, c1: number, c2: number): DexCsr {
  const start = new Uint32Array(n + 1);
  const { opcode, target } = x;
  for (let i = 0; i < x.count; i++) {
    const c = OP_XREF[opcode[i]];
    if (c === c1 || c === c2) start[target[i] + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const xref = new Uint32Array(start[n]);
  for (let i = 0; i < x.count; i++) {
    const c = OP_XREF[opcode[i]];
    if (c === c1 || c === c2) xref[fill[target[i]]++] = i;
  }
  return { start, xref };
}
