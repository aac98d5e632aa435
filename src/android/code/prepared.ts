/**
 * A method's decoded instructions and control-flow graph, shared between a cheap look at a
 * method (may its value analysis be skipped?) and that analysis: a method is decoded once.
 */
import {
  readCodeItem,
  decodeMethod,
  type DexCodeItem,
  type DexEncodedMethod,
  type DexFile,
} from '../dex/index.js';
import { buildCfg, readTries, type Cfg } from './cfg.js';
import { methodInfo, SHAPE_WIDE } from './refs.js';

export type PreparedCode = { code: DexCodeItem; cfg: Cfg };

/** Prepared but not yet analysed methods, per DEX file (the analysis takes its entry out). */
const pending = new WeakMap<DexFile, Map<DexEncodedMethod, PreparedCode>>();

/** Decodes `method` (throws the decoder's DfslabErrors for malformed code). */
function prepare(dex: DexFile, method: DexEncodedMethod): PreparedCode {
  const code = readCodeItem(dex, method.codeOff);
  const insns = decodeMethod(dex, method.codeOff);
  return { code, cfg: buildCfg(insns, code.insnsSize, readTries(dex, code)) };
}

/** The decoded code of `method`, kept for its value analysis (see `takePrepared`). */
export function preparedCode(dex: DexFile, method: DexEncodedMethod): PreparedCode {
  let m = pending.get(dex);
  if (!m) {
    m = new Map();
    pending.set(dex, m);
  }
  const hit = m.get(method);
  if (hit) return hit;
  const p = prepare(dex, method);
  m.set(method, p);
  return p;
}

/** The decoded code of `method` for its analysis: the kept one (handed over once), else decoded now. */
export function takePrepared(dex: DexFile, method: DexEncodedMethod): PreparedCode {
  const m = pending.get(dex);
  const hit = m?.get(method);
  if (!hit) return prepare(dex, method);
  m?.delete(method);
  return hit;
}

/** Forgets the kept code of a method that will not be analysed after all. */
export function dropPrepared(dex: DexFile, method: DexEncodedMethod): void {
  pending.get(dex)?.delete(method);
}

const CONST_STRING = 0x1a;
const CONST_STRING_JUMBO = 0x1b;
/** const/4, const/16, const, const/high16: write one register, nothing else. */
const CONST_FIRST = 0x12;
const CONST_LAST = 0x15;

function isInvoke(op: number): boolean {
  return (op >= 0x6e && op <= 0x72) || (op >= 0x74 && op <= 0x78);
}

/**
 * True when argument `arg` (receiver first, as in `CallValues.args`) of the invoke at `offset`
 * is certainly the string of a const-string earlier in the same basic block, with only other
 * constants loaded in between: the value analysis would give exactly that string at the call
 * (or no value at all when the block is unreachable). False whenever that cannot be told.
 */
export function argIsConstString(p: PreparedCode, dex: DexFile, offset: number, arg: number): boolean {
  const { cfg } = p;
  const i = offset >= 0 && offset < cfg.at.length ? cfg.at[offset] : -1;
  if (i < 0) return false;
  const insn = cfg.insns[i];
  if (!isInvoke(insn.opcode) || insn.format === 'payload') return false;
  const isStatic = insn.opcode === 0x71 || insn.opcode === 0x77;
  const shapes = methodInfo(dex, insn.index ?? -1).paramShapes;
  // The register of the argument, counted as the analysis does (wide parameters take two).
  let r = 0;
  let a = 0;
  if (!isStatic) {
    if (arg === 0) return false;
    r = 1;
    a = 1;
  }
  for (let k = 0; a < arg; k++, a++) {
    if (k >= shapes.length) return false;
    r += shapes[k] === SHAPE_WIDE ? 2 : 1;
  }
  if (a - (isStatic ? 0 : 1) >= shapes.length || r >= insn.registers.length) return false;
  const reg = insn.registers[r];
  if (reg >= p.code.registersSize) return false;
  const block = cfg.blockOf[i];
  for (let j = i - 1; j >= 0 && cfg.blockOf[j] === block; j--) {
    const x = cfg.insns[j];
    const op = x.opcode;
    if (x.format === 'payload') return false;
    const isString = op === CONST_STRING || op === CONST_STRING_JUMBO;
    if (!isString && !(op >= CONST_FIRST && op <= CONST_LAST)) return false;
    const dest = x.registers[0];
    if (dest === undefined) return false;
    if (dest === reg) return isString;
  }
  return false;
}
