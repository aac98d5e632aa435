/**
 * Forward, flow-sensitive constant propagation over the registers of one method: a worklist over
 * basic blocks with a merge at joins, exception edges into catch handlers, widening after a few
 * visits of a block and a global step budget, so every method finishes in bounded time.
 */
import { isDfslabError, LimitError } from '../../core/errors.js';
import { ACC, type DexClassDef, type DexEncodedMethod, type DexFile, type DexInsn } from '../dex/index.js';
import type { Cfg } from './cfg.js';
import { takePrepared } from './prepared.js';
import { fieldName, isReference, isWide, methodInfo } from './refs.js';
import { classDefOfType, encodedStaticValue } from './static-values.js';
import { step, type StepContext, type StepHooks } from './transfer.js';
import {
  isNullish,
  joinDifferent,
  joinValues,
  NULL,
  sameValue,
  UNKNOWN,
  type FieldValue,
  type Value,
} from './values.js';

/** Visits of one block before differing values merge straight to unknown. */
const WIDEN_AFTER = 4;
const CODE = 'dex-code';
/** Work (instruction steps + register slots copied or merged) allowed per unit of method size. */
const WORK_PER_UNIT = 40;
/** Work allowed for any one method, however large (a hostile method stops, unconverged, here). */
const MAX_WORK = 50_000_000;
/** Most register-state slots (blocks × registers) kept for one method. */
const MAX_STATE_SLOTS = 8_000_000;

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
  /** Per instruction index (see `cfg.at` for offset → index): 1 when reachable from the entry (normal or exception flow). */
  reachable: Uint8Array;
  /** Values stored by sput* in this method (joined per field index), e.g. from <clinit>. */
  staticStores: Map<number, Value>;
  /** Values stored by iput* into fields of `this` (joined per field index), e.g. from a constructor. */
  thisStores: Map<number, Value>;
  /** False when the step budget ran out before a fixpoint (values are then best effort). */
  converged: boolean;
  /** Register values just before the instruction at `offset` (undefined when unreachable). */
  stateBefore(offset: number): Value[] | undefined;
};

export type AnalyzeOptions = {
  /**
   * Resolve sget of a static field to its <clinit> / static_values value, and iget of an
   * instance field to what the class's constructors store (default true; one level deep).
   */
  resolveFields?: boolean;
};

/**
 * Results per DEX file: each method is analysed at most once while its DexFile lives (checks ask
 * several questions about one method; the cache goes with the parsed file at the end of an audit).
 */
const analysed = new WeakMap<DexFile, Map<DexEncodedMethod, MethodValues>>();

/** The register values of `method` at every point (cached per DEX file). */
export function analyzeMethodValues(
  dex: DexFile,
  method: DexEncodedMethod,
  opts: AnalyzeOptions = {},
): MethodValues {
  const resolve = opts.resolveFields ?? true;
  if (!resolve) return analyze(dex, method, false);
  let cache = analysed.get(dex);
  if (!cache) {
    cache = new Map();
    analysed.set(dex, cache);
  }
  const hit = cache.get(method);
  if (hit) return hit;
  const mv = analyze(dex, method, true);
  cache.set(method, mv);
  return mv;
}

/** True when `method` already has its (field-resolving) analysis cached. */
export function isAnalysed(dex: DexFile, method: DexEncodedMethod): boolean {
  return analysed.get(dex)?.has(method) ?? false;
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
  const { descriptor, ret } = methodInfo(dex, method.methodIdx);
  const returnsRef = isReference(ret);
  const { code, cfg } = takePrepared(dex, method);
  const insns = cfg.insns;
  const regs = code.registersSize;
  // Facts are recorded on every visit of a block, keyed by offset: a block's last visit runs on its
  // final in-state, so after the fixpoint each entry holds the final values (no replay needed).
  const calls = new Map<number, CallValues>();
  const returns = new Map<number, ReturnValue>();
  const stores = new Map<number, { field: number; value: Value; object: Value | undefined }>();
  const hooks: StepHooks = {
    call: (insn, info, args) => {
      // A block's later visit replaces the args of the entry its earlier visit made (not yet shared).
      const prev = calls.get(insn.offset);
      if (prev) prev.args = args;
      else
        calls.set(insn.offset, {
          offset: insn.offset,
          methodIdx: insn.index ?? -1,
          descriptor: info.descriptor,
          args,
        });
    },
    ret: (insn, value) =>
      returns.set(insn.offset, {
        offset: insn.offset,
        opcode: insn.opcode,
        value: value && returnsRef && isNullish(value) ? NULL : value,
      }),
    store: (insn, field, value, object) => stores.set(insn.offset, { field, value, object }),
  };
  // A field this method writes itself is not resolved to its initial value (it may hold the new one).
  const written = new Set<number>();
  for (const x of insns)
    if (
      x.opcode >= 0x59 &&
      x.opcode <= 0x6d &&
      !(x.opcode >= 0x60 && x.opcode <= 0x66) &&
      x.format !== 'payload'
    )
      written.add(x.index ?? -1);
  const ctx: StepContext = { dex, cfg, hooks, field: fieldReader(dex, resolve, written) };
  const nb = cfg.blocks.length;
  if (nb * (regs + 1) > MAX_STATE_SLOTS)
    throw new LimitError(CODE, 'register states (blocks x registers)', nb * (regs + 1), MAX_STATE_SLOTS);
  const inState = new Array<Value[] | undefined>(nb);
  const visits = new Array<number>(nb).fill(0);
  const queued = new Array<number>(nb).fill(0);
  const queue: number[] = [];
  /** Merges `s` into block b's in-state; with `give`, `s` may be kept as is (the caller is done with it). */
  const merge = (b: number, s: Value[], give = false): void => {
    const cur = inState[b];
    if (!cur) {
      inState[b] = give ? s : s.slice();
    } else {
      const widen = visits[b] >= WIDEN_AFTER;
      let changed = false;
      for (let i = 0; i < cur.length; i++) {
        const x = cur[i];
        const y = s[i];
        if (x === y || x.kind === 'unknown' || sameValue(x, y)) continue;
        const j = widen ? UNKNOWN : joinDifferent(x, y);
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
    merge(0, entryState(dex, method, regs, code.insSize), true);
    let budget = Math.min(MAX_WORK, WORK_PER_UNIT * (insns.length + nb * (regs + 1)) + 1000);
    for (let head = 0; head < queue.length; head++) {
      const b = queue[head];
      queued[b] = 0;
      visits[b]++;
      const blk = cfg.blocks[b];
      budget -= blk.last - blk.first + (regs + 1) * (1 + blk.succ.length);
      if (budget < 0) {
        converged = false;
        break;
      }
      const s = (inState[b] as Value[]).slice();
      for (let i = blk.first; i < blk.last; i++) {
        const hs = cfg.handlersOf[i];
        if (hs) {
          budget -= (regs + 1) * hs.length;
          for (const h of hs) merge(h, s);
        }
        step(ctx, s, insns[i]);
      }
      const succ = blk.succ;
      for (let k = 0; k < succ.length; k++) merge(succ[k], s, k === succ.length - 1);
    }
  }
  const reachable = new Uint8Array(insns.length);
  const throws: number[] = [];
  cfg.blocks.forEach((blk, b) => {
    if (!inState[b]) return;
    reachable.fill(1, blk.first, blk.last);
    const li = blk.last - 1;
    if (insns[li].opcode === 0x27 && insns[li].format !== 'payload') throws.push(insns[li].offset);
  });
  const staticStores = new Map<number, Value>();
  const thisStores = new Map<number, Value>();
  stores.forEach(({ field, value, object }) => {
    const into = object === undefined ? staticStores : object.kind === 'this' ? thisStores : undefined;
    if (!into) return;
    const prev = into.get(field);
    into.set(field, prev ? joinValues(prev, value) : value);
  });
  const stateBefore = stateReader({ dex, cfg, hooks: {}, field: ctx.field }, inState, regs);
  const sorted = <T extends { offset: number }>(m: Map<number, T>): T[] =>
    [...m.values()].sort((x, y) => x.offset - y.offset);
  return {
    method,
    descriptor,
    registersSize: regs,
    insns,
    cfg,
    calls: new Map(sorted(calls).map((c) => [c.offset, c])),
    returns: sorted(returns),
    throws,
    reachable,
    staticStores,
    thisStores,
    converged,
    stateBefore,
  };
}

/**
 * `MethodValues.stateBefore`, made outside `analyze` so that the closure keeps only the block
 * in-states and the step context alive, not the analysis's work lists and recorded facts.
 */
function stateReader(ctx: StepContext, inState: (Value[] | undefined)[], regs: number) {
  const { cfg } = ctx;
  return (offset: number): Value[] | undefined => {
    const i = offset >= 0 && offset < cfg.at.length ? cfg.at[offset] : -1;
    if (i < 0) return undefined;
    const b = cfg.blockOf[i];
    const start = b >= 0 ? inState[b] : undefined;
    if (!start) return undefined;
    const s = start.slice();
    for (let k = cfg.blocks[b].first; k < i; k++) step(ctx, s, cfg.insns[k]);
    return s.slice(0, regs);
  };
}

/** The sget/iget reader of one method (a field the method writes itself is not resolved). */
function fieldReader(dex: DexFile, resolve: boolean, written: Set<number>) {
  return (f: number, isStatic: boolean): Value => fieldValue(dex, f, isStatic, resolve && !written.has(f));
}

/** Initial values per DEX file, by field index (static and instance kept apart); null = none. */
const initialCache = new WeakMap<
  DexFile,
  { statics: Map<number, Value | null>; fields: Map<number, Value | null> }
>();

/** The field's resolved initial value (cached: the class analyses behind it are cached per DEX anyway). */
function initialValue(dex: DexFile, fieldIdx: number, isStatic: boolean): Value | undefined {
  let c = initialCache.get(dex);
  if (!c) {
    c = { statics: new Map(), fields: new Map() };
    initialCache.set(dex, c);
  }
  const m = isStatic ? c.statics : c.fields;
  const hit = m.get(fieldIdx);
  if (hit !== undefined) return hit ?? undefined;
  const v = isStatic ? staticInitialValue(dex, fieldIdx) : instanceInitialValue(dex, fieldIdx);
  m.set(fieldIdx, v ?? null);
  return v;
}

/**
 * A resolved field read whose initial value is looked up on first use: the lookup may analyse the
 * class's <clinit> or constructors, and most field reads never have their initial value asked for
 * (comparisons and merges look at the field only). The lookup is cached per DEX and never throws a
 * DfslabError (the class analyses behind it catch theirs), so when it runs does not change what it gives.
 */
class ResolvedField implements FieldValue {
  readonly kind = 'field';
  readonly field: string;
  readonly 'static': boolean;
  readonly #dex: DexFile;
  readonly #fieldIdx: number;

  constructor(dex: DexFile, fieldIdx: number, field: string, isStatic: boolean) {
    this.field = field;
    this.static = isStatic;
    this.#dex = dex;
    this.#fieldIdx = fieldIdx;
  }

  get initial(): Value | undefined {
    return initialValue(this.#dex, this.#fieldIdx, this.static);
  }
}

/** sget/iget value: a field reference, with its initial value when it can be resolved. */
function fieldValue(dex: DexFile, fieldIdx: number, isStatic: boolean, resolve: boolean): Value {
  const field = fieldName(dex, fieldIdx);
  if (!resolve) return { kind: 'field', field, static: isStatic };
  return new ResolvedField(dex, fieldIdx, field, isStatic);
}

const ctorCache = new WeakMap<DexFile, Map<number, Map<number, Value> | null>>();

/** The class's constructors' stores into `this` fields, joined; a field some constructor leaves at its default is left out. */
function constructorStores(dex: DexFile, ci: number): Map<number, Value> | null {
  let m = ctorCache.get(dex);
  if (!m) {
    m = new Map();
    ctorCache.set(dex, m);
  }
  const hit = m.get(ci);
  if (hit !== undefined) return hit;
  let out: Map<number, Value> | null;
  try {
    out = joinConstructorStores(dex, dex.classDefs[ci]);
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    out = null;
  }
  m.set(ci, out);
  return out;
}

function joinConstructorStores(dex: DexFile, cd: DexClassDef): Map<number, Value> {
  const ctors = cd.directMethods.filter(
    (d) => d.codeOff !== 0 && (d.accessFlags & ACC.constructor) !== 0 && (d.accessFlags & ACC.static) === 0,
  );
  const per = ctors.map((c) => analyzeMethodValues(dex, c, { resolveFields: false }));
  const own = dex.type(cd.classIdx);
  // A constructor that delegates to this(...) leaves its fields to the other constructor.
  const primary = per.filter(
    (mv) =>
      ![...mv.calls.values()].some(
        (c) => c.descriptor.startsWith(`${own}-><init>(`) && c.args[0]?.kind === 'this',
      ),
  );
  const out = new Map<number, Value>();
  for (const f of cd.instanceFields) {
    let v: Value | undefined;
    for (const mv of primary) {
      const stored = mv.thisStores.get(f.fieldIdx);
      if (!stored) {
        v = undefined;
        break;
      }
      v = v ? joinValues(v, stored) : stored;
    }
    if (v && v.kind !== 'unknown') out.set(f.fieldIdx, v);
  }
  return out;
}

/**
 * The value the class's constructors store in instance field `fieldIdx` (joined over the
 * constructors, each of which must store it). Undefined when the class is not in this DEX, a
 * constructor leaves the default, or the value is unknown. The field may be reassigned later: callers that need certainty
 * should look for other writers (e.g. `fieldWriters` of the DEX index).
 */
export function instanceInitialValue(dex: DexFile, fieldIdx: number): Value | undefined {
  if (!(fieldIdx >= 0 && fieldIdx < dex.ids.fieldClass.length)) return undefined;
  const ci = classDefOfType(dex, dex.ids.fieldClass[fieldIdx]);
  if (ci < 0) return undefined;
  return constructorStores(dex, ci)?.get(fieldIdx);
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
    const em = cd.directMethods.find(
      (d) => d.codeOff !== 0 && (d.accessFlags & ACC.constructor) !== 0 && (d.accessFlags & ACC.static) !== 0,
    );
    try {
      if (em) clinit = analyzeMethodValues(dex, em, { resolveFields: false }).staticStores;
    } catch (e) {
      if (!isDfslabError(e)) throw e;
    }
    m.set(ci, clinit);
  }
  const stored = clinit?.get(fieldIdx);
  if (stored && stored.kind !== 'unknown') return stored;
  return encodedStaticValue(dex, fieldIdx);
}
