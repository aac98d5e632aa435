/**
 * The control-flow graph of one method: basic blocks from branches, switches, returns and throws,
 * plus exception edges from the code_item's try_items and encoded_catch_handlers.
 */
import { FormatError } from '../../core/errors.js';
import type { DexCodeItem, DexFile, DexInsn } from '../dex/index.js';

const CODE = 'dex-code';
const TRY_ITEM_SIZE = 8;
/** Most handlers per try (a real one has a handful; the list is bounded by the file anyway). */
const MAX_HANDLERS = 1024;
const TRY_BUDGET_SLACK = 1024;

export type TryRange = { start: number; end: number; handlers: number[] };

export type BasicBlock = {
  /** Index of the first and one past the last instruction (into `Cfg.insns`). */
  first: number;
  last: number;
  /** Successor block indexes on normal flow. */
  succ: number[];
};

export type Cfg = {
  insns: DexInsn[];
  /** Instruction index by code-unit offset, -1 between instruction starts. */
  at: number[];
  blocks: BasicBlock[];
  /** Block index per instruction index. */
  blockOf: number[];
  tries: TryRange[];
  /** Handler block indexes per instruction index (undefined when not covered). */
  handlersOf: (number[] | undefined)[];
  /** Branch or handler targets that do not start an instruction (ignored edges). */
  badTargets: number;
};

function isReturnOrThrow(op: number): boolean {
  return (op >= 0x0e && op <= 0x11) || op === 0x27;
}

function isGoto(op: number): boolean {
  return op >= 0x28 && op <= 0x2a;
}

function isSwitch(op: number): boolean {
  return op === 0x2b || op === 0x2c;
}

function isIf(op: number): boolean {
  return op >= 0x32 && op <= 0x3d;
}

/** Reads the try_items and their handlers (code-unit addresses); throws FormatError on a malformed table. */
export function readTries(dex: DexFile, code: DexCodeItem): TryRange[] {
  if (code.triesSize === 0) return [];
  const b = dex.bytes;
  let off = code.insnsOff + code.insnsSize * 2;
  if (code.insnsSize % 2 === 1) off += 2;
  const listOff = off + code.triesSize * TRY_ITEM_SIZE;
  if (listOff > b.length)
    throw new FormatError(CODE, off, `${code.triesSize} try_items run past the end of the file`);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: TryRange[] = [];
  const cache = new Map<number, number[]>();
  for (let i = 0; i < code.triesSize; i++) {
    const o = off + i * TRY_ITEM_SIZE;
    const start = view.getUint32(o, true);
    const count = view.getUint16(o + 4, true);
    const handlerOff = view.getUint16(o + 6, true);
    let handlers = cache.get(handlerOff);
    if (!handlers) {
      handlers = readHandler(b, listOff + handlerOff);
      cache.set(handlerOff, handlers);
    }
    out.push({ start, end: start + count, handlers });
  }
  return out;
}

function readHandler(b: Uint8Array, at: number): number[] {
  let pos = at;
  const uleb = (): number => {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= b.length) throw new FormatError(CODE, pos, 'catch handler runs past the end of the file');
      const x = b[pos++];
      result += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return result;
    }
    throw new FormatError(CODE, pos, 'uleb128 longer than 5 bytes');
  };
  const raw = uleb();
  // sleb128 of at most 5 bytes: reinterpret the 32-bit pattern (sign bit at the last group read).
  const bits = pos - at >= 5 ? 32 : (pos - at) * 7;
  const size = bits >= 32 ? raw | 0 : raw >= 2 ** (bits - 1) ? raw - 2 ** bits : raw;
  const n = Math.abs(size);
  if (n > MAX_HANDLERS) throw new FormatError(CODE, at, `catch handler with ${n} entries`);
  const targets: number[] = [];
  for (let i = 0; i < n; i++) {
    uleb();
    targets.push(uleb());
  }
  if (size <= 0) targets.push(uleb());
  return targets;
}

/** Builds basic blocks over decoded instructions (payload pseudo-instructions end the code). */
export function buildCfg(insns: DexInsn[], insnsSize: number, tries: TryRange[]): Cfg {
  const at = new Array<number>(insnsSize + 1).fill(-1);
  for (let i = 0; i < insns.length; i++) at[insns[i].offset] = i;
  let badTargets = 0;
  const idx = (offset: number): number => {
    const i = offset >= 0 && offset < insnsSize ? at[offset] : -1;
    if (i < 0 || insns[i].format === 'payload') {
      badTargets++;
      return -1;
    }
    return i;
  };
  const leader = new Array<number>(insns.length + 1).fill(0);
  const targetsOf: number[][] = new Array<number[]>(insns.length);
  leader[0] = 1;
  for (let i = 0; i < insns.length; i++) {
    const x = insns[i];
    const op = x.opcode;
    if (x.format === 'payload') {
      leader[i] = 1;
      continue;
    }
    let t: number[] | undefined;
    if (isGoto(op) || isIf(op)) t = x.target === undefined ? [] : [idx(x.target)];
    else if (isSwitch(op)) t = switchTargets(insns, at, x, insnsSize).map(idx);
    if (t || isReturnOrThrow(op)) {
      leader[i + 1] = 1;
      targetsOf[i] = (t ?? []).filter((k) => k >= 0);
      for (const k of targetsOf[i]) leader[k] = 1;
    }
  }
  const handlerIdx = tries.map((tr) => tr.handlers.map(idx).filter((k) => k >= 0));
  for (const hs of handlerIdx) for (const k of hs) leader[k] = 1;

  const blocks: BasicBlock[] = [];
  const blockOf = new Array<number>(insns.length).fill(-1);
  for (let i = 0; i < insns.length;) {
    let j = i + 1;
    while (j < insns.length && !leader[j]) j++;
    const b = blocks.length;
    for (let k = i; k < j; k++) blockOf[k] = b;
    blocks.push({ first: i, last: j, succ: [] });
    i = j;
  }
  for (const blk of blocks) {
    const li = blk.last - 1;
    const x = insns[li];
    if (x.format === 'payload') continue;
    const op = x.opcode;
    const succ = (targetsOf[li] ?? []).map((k) => blockOf[k]);
    const falls = !isReturnOrThrow(op) && !isGoto(op);
    if (falls && blk.last < insns.length && insns[blk.last].format !== 'payload')
      succ.push(blockOf[blk.last]);
    blk.succ = succ.length <= 2 ? (succ[0] === succ[1] ? succ.slice(0, 1) : succ) : [...new Set(succ)];
  }
  const handlersOf = new Array<number[] | undefined>(insns.length);
  // Well-formed try ranges do not overlap, so covering them costs at most one pass over the code.
  let budget = insnsSize * 2 + TRY_BUDGET_SLACK;
  tries.forEach((tr, ti) => {
    const hs = handlerIdx[ti].map((k) => blockOf[k]);
    if (hs.length === 0) return;
    const end = Math.min(tr.end, insnsSize);
    budget -= Math.max(0, end - tr.start);
    if (budget < 0) throw new FormatError(CODE, 0, 'try ranges overlap far beyond the code size');
    for (let off = tr.start; off < end; off++) {
      const i = at[off];
      if (i < 0) continue;
      const prev = handlersOf[i];
      handlersOf[i] = prev ? [...prev, ...hs.filter((h) => !prev.includes(h))] : hs;
    }
  });
  return { insns, at, blocks, blockOf, tries, handlersOf, badTargets };
}

function switchTargets(insns: DexInsn[], at: number[], x: DexInsn, insnsSize: number): number[] {
  if (x.target === undefined || x.target < 0 || x.target >= insnsSize) return [];
  const pi = at[x.target];
  const p = pi >= 0 ? insns[pi].payload : undefined;
  if (!p || p.kind === 'fill-array-data') return [];
  return p.targets.map((t) => x.offset + t);
}
