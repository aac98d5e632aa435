/**
 * Forward, flow-sensitive constant propagation over the registers of one method: a worklist over
 * basic blocks with a merge at joins, exception edges into catch handlers, widening after a few
 * visits of a block and a global step budget, so every method finishes in bounded time.
 */
import { isDfslabError } from '../../core/errors.js';
import { ACC, decodeMethod, readCodeItem, type DexEncodedMethod, type DexFile, type DexInsn } from '../dex/index.js';
import { buildCfg, readTries, type Cfg } from './cfg.js';
import { fieldName, isWide, methodInfo } from './refs.js';
import { classDefOfType, encodedStaticValue } from './static-values.js';
import { step, type StepContext, type StepHooks } from './transfer.js';
import { joinValues, sameValue, UNKNOWN, type Value } from './values.js';

/** Visits of one block before differing values merge straight to unknown. */
const WIDEN_AFTER = 4;
/** Instruction steps allowed per instruction of the method before the analysis gives up converging. */
const STEPS_PER_INSN = 40;

export type CallValues = {
  /** Code-unit offset of the invoke. */
  offset: number;
  methodIdx: number;
  /** The invoked method, smali style: `Lpkg/Cls;->name(params)ret`. */
  descriptor: string;
  /** The receiver first (instance calls), then one value per parameter; a 0 passed as a reference is `null`. */
  args: Value[];
};

export type ReturnValue = { offset: number; opcode: number; value: Value | undefined };

export type MethodValues = {
  method: DexEncodedMethod;
  descriptor: string;
  registersSize: number;
  insns: DexInsn[];
  cfg: Cfg;
  /** Every reachable invoke, by offset. */
  calls: Map<number, CallValues>;
  /** Every reachable return (value undefined for return-void). */
  returns: ReturnValue[];
  /** Offsets of reachable `throw` instructions. */
  throws: number[];
  /** Per instruction index: 1 when reachable from the entry (normal or exception flow). */
  reachable: Uint8Array;
  /** Values stored by sput* in this method (joined per field index), e.g. from <clinit>. */
  staticStores: Map<number, Value>;
  /** False when the step budget ran out before a fixpoint (values are then best effort). */
  converged: boolean;
  /** Register values just before the instruction at `offset` (undefined when unreachable). */
  stateBefore(offset: number): Value[] | undefined;
};

export type AnalyzeOptions = {
  /** Resolve sget of a static field to its static_values / <clinit> value (default true). */
  resolveStaticFields?: boolean;
};

/** Results kept for the most recently analysed methods (checks ask several questions about one method). */
const CACHE_SIZE = 64;
const recent = new Map<DexEncodedMethod, { dex: DexFile; mv: MethodValues }>();

/** The register values of `method` at every point (the last few results are cached). */
export function analyzeMethodValues(dex: DexFile, method: DexEncodedMethod, opts: AnalyzeOptions = {}): MethodValues {
  const resolve = opts.resolveStaticFields ?? true;
  if (!resolve) return analyze(dex, method, false);
  const hit = recent.get(method);
  if (hit && hit.dex === dex) {
    recent.delete(method);
    recent.set(method, hit);
    return hit.mv;
  }
  const mv = analyze(dex, method, true);
  recent.set(method, { dex, mv });
  if (recent.size > CACHE_SIZE) recent.delete(recent.keys().next().value as DexEncodedMethod);
  return mv;
}

function entryState(dex: DexFile, method: DexEncodedMethod, regs: number, ins: number): Value[] {
  const s = new Array<Value>(regs + 1).fill(UNKNOWN);
  const info = methodInfo(dex, method.methodIdx);
  // A hostile code_item may claim more ins than registers: then no parameter is placed.
  let r = ins <= regs ? regs - ins : regs;
  if ((method.accessFlags & ACC.static) === 0 && r < regs) s[r++] = { kind: 'this', type: info.cls };
  info.params.forEach((type, index) => {
    if (r < regs) s[r] = { kind: 'param', index, type };
    r += isWide(type) ? 2 : 1;
  });
  return s;
}

function analyze(dex: DexFile, method: DexEncodedMethod, resolve: boolean): MethodValues {
  const descriptor = methodInfo(dex, method.methodIdx).descriptor;
  const code = readCodeItem(dex, method.codeOff);
  const insns = decodeMethod(dex, method.codeOff);
  const cfg = buildCfg(insns, code.insnsSize, readTries(dex, code));
  const regs = code.registersSize;
  const ctx: StepContext = { dex, cfg, hooks: {}, field: (f, isStatic) => fieldValue(dex, f, isStatic, resolve) };
  const nb = cfg.blocks.length;
  const inState = new Array<Value[] | undefined>(nb);
  const visits = new Uint16Array(nb);
  const queued = new Uint8Array(nb);
  const queue: number[] = [];
  const merge = (b: number, s: Value[]): void => {
    const cur = inState[b];
    if (!cur) {
      inState[b] = s.slice();
    } else {
      const widen = visits[b] >= WIDEN_AFTER;
      let changed = false;
      for (let i = 0; i < cur.length; i++) {
        const x = cur[i];
        const y = s[i];
        if (x === y || x.kind === 'unknown' || sameValue(x, y)) continue;
        const j = widen ? UNKNOWN : joinValues(x, y);
        if (j === x) continue;
        cur[i] = j;
        changed = true;
      }
      if (!changed) return;
    }
    if (!queued[b]) {
      queued[b] = 1;
      queue.push(b);
    }
  };
  let converged = true;
  if (nb > 0 && insns[0].format !== 'payload') {
    merge(0, entryState(dex, method, regs, code.insSize));
    let budget = insns.length * STEPS_PER_INSN + 1000;
    for (let head = 0; head < queue.length; head++) {
      const b = queue[head];
      queued[b] = 0;
      visits[b]++;
      const blk = cfg.blocks[b];
      budget -= blk.last - blk.first;
      if (budget < 0) {
        converged = false;
        break;
      }
      const s = (inState[b] as Value[]).slice();
      for (let i = blk.first; i < blk.last; i++) {
        const hs = cfg.handlersOf[i];
        if (hs) for (const h of hs) merge(h, s);
        step(ctx, s, insns[i]);
      }
      for (const n of blk.succ) merge(n, s);
    }
  }
  return finish(dex, method, descriptor, regs, insns, cfg, inState, ctx, converged);
}

function finish(
  dex: DexFile,
  method: DexEncodedMethod,
  descriptor: string,
  regs: number,
  insns: DexInsn[],
  cfg: Cfg,
  inState: (Value[] | undefined)[],
  ctx: StepContext,
  converged: boolean,
): MethodValues {
  const calls = new Map<number, CallValues>();
  const returns: ReturnValue[] = [];
  const throws: number[] = [];
  const staticStores = new Map<number, Value>();
  const reachable = new Uint8Array(insns.length);
  const hooks: StepHooks = {
    call: (insn, info, args) => calls.set(insn.offset, { offset: insn.offset, methodIdx: insn.index ?? -1, descriptor: info.descriptor, args }),
    ret: (insn, value) => returns.push({ offset: insn.offset, opcode: insn.opcode, value }),
    staticStore: (f, v) => {
      const prev = staticStores.get(f);
      staticStores.set(f, prev ? joinValues(prev, v) : v);
    },
  };
  const replay: StepContext = { ...ctx, hooks };
  cfg.blocks.forEach((blk, b) => {
    const start = inState[b];
    if (!start) return;
    const s = start.slice();
    for (let i = blk.first; i < blk.last; i++) {
      reachable[i] = 1;
      if (insns[i].opcode === 0x27 && insns[i].format !== 'payload') throws.push(insns[i].offset);
      step(replay, s, insns[i]);
    }
  });
  const stateBefore = (offset: number): Value[] | undefined => {
    const i = offset >= 0 && offset < cfg.at.length ? cfg.at[offset] : -1;
    if (i < 0) return undefined;
    const b = cfg.blockOf[i];
    const start = b >= 0 ? inState[b] : undefined;
    if (!start) return undefined;
    const s = start.slice();
    for (let k = cfg.blocks[b].first; k < i; k++) step(ctx, s, insns[k]);
    return s.slice(0, regs);
  };
  return { method, descriptor, registersSize: regs, insns, cfg, calls, returns, throws, reachable, staticStores, converged, stateBefore };
}

/** sget/iget value: a field reference, with the static initial value when it can be resolved. */
function fieldValue(dex: DexFile, fieldIdx: number, isStatic: boolean, resolve: boolean): Value {
  const field = fieldName(dex, fieldIdx);
  if (!isStatic || !resolve) return { kind: 'field', field, static: isStatic };
  const initial = staticInitialValue(dex, fieldIdx);
  return initial ? { kind: 'field', field, static: true, initial } : { kind: 'field', field, static: true };
}

const clinitCache = new WeakMap<DexFile, Map<number, Map<number, Value> | null>>();

/**
 * The value a static field holds after class initialisation, when its class is in this DEX: what
 * <clinit> stores into it (analysed without resolving further fields), else the static_values
 * entry. Undefined when unknown. Non-final fields may be reassigned elsewhere; callers that need
 * certainty should check the field's access flags.
 */
export function staticInitialValue(dex: DexFile, fieldIdx: number): Value | undefined {
  if (!(fieldIdx >= 0 && fieldIdx < dex.ids.fieldClass.length)) return undefined;
  const ci = classDefOfType(dex, dex.ids.fieldClass[fieldIdx]);
  if (ci < 0) return undefined;
  let m = clinitCache.get(dex);
  if (!m) {
    m = new Map();
    clinitCache.set(dex, m);
  }
  let clinit = m.get(ci);
  if (clinit === undefined) {
    clinit = null;
    const cd = dex.classDefs[ci];
    const em = cd.directMethods.find((d) => d.codeOff !== 0 && (d.accessFlags & ACC.constructor) !== 0 && (d.accessFlags & ACC.static) !== 0);
    try {
      if (em) clinit = analyzeMethodValues(dex, em, { resolveStaticFields: false }).staticStores;
    } catch (e) {
      if (!isDfslabError(e)) throw e;
    }
    m.set(ci, clinit);
  }
  const stored = clinit?.get(fieldIdx);
  if (stored && stored.kind !== 'unknown') return stored;
  return encodedStaticValue(dex, fieldIdx);
}
