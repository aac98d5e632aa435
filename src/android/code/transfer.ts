/**
 * The transfer function: what one instruction does to the register values. The state has one
 * slot per register plus a last slot for the pending invoke/filled-new-array result.
 */
import type { DexFile, DexInsn } from '../dex/index.js';
import type { Cfg } from './cfg.js';
import { modelCall, readsArgumentsOnly, type CallEffect } from './models.js';
import { methodInfo, SHAPE_REFERENCE, SHAPE_WIDE, type MethodInfo } from './refs.js';
import {
  type ArrayValue,
  isNullish,
  joinValues,
  MAX_TRACKED_ARRAY,
  NULL,
  UNKNOWN,
  type Value,
} from './values.js';

export type StepHooks = {
  call?: (insn: DexInsn, info: MethodInfo, args: Value[]) => void;
  ret?: (insn: DexInsn, value: Value | undefined) => void;
  /** sput* (object undefined) and iput* (object = the instance register's value). */
  store?: (insn: DexInsn, fieldIdx: number, value: Value, object: Value | undefined) => void;
};

export type StepContext = {
  dex: DexFile;
  cfg: Cfg;
  /** The value an sget/iget gives (a field reference, resolved when possible). */
  field: (fieldIdx: number, isStatic: boolean) => Value;
  hooks: StepHooks;
};

/** Largest array whose elements an aput* keeps tracking (keys and IVs are far smaller). */
const MAX_APUT_TRACKED = 512;

const READS_ONLY = 'reads-only';

const ZERO: Value = Object.freeze({ kind: 'int', value: 0 }) as Value;

function put(s: Value[], r: number | undefined, v: Value): void {
  if (r !== undefined && r < s.length - 1) s[r] = v;
}

function get(s: Value[], r: number | undefined): Value {
  return r !== undefined && r < s.length - 1 ? s[r] : UNKNOWN;
}

function putWide(s: Value[], r: number | undefined, v: Value): void {
  put(s, r, v);
  if (r !== undefined) put(s, r + 1, UNKNOWN);
}

/** Replaces every register holding the same allocation (builder, object, array) or the same value object with `next`. */
function updateAliases(s: Value[], old: Value, next: Value): void {
  const site = 'site' in old ? old.site : undefined;
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    if (v === old || (site !== undefined && v.kind === old.kind && 'site' in v && v.site === site))
      s[i] = next;
  }
}

/** An array or open builder passed (from `args[from]` on) to code that may write into it loses its known contents. */
function clobberArguments(s: Value[], args: Value[], from: number): void {
  for (let i = from; i < args.length; i++) {
    const v = args[i];
    if (v.kind === 'array' && v.elements)
      updateAliases(s, v, { kind: 'array', type: v.type, site: v.site, length: v.length });
    else if (v.kind === 'concat' && v.open && !v.truncated) updateAliases(s, v, { ...v, truncated: true });
    else if (
      v.kind === 'oneOf' &&
      v.values.some((x) => x.kind === 'array' || (x.kind === 'concat' && x.open))
    )
      updateAliases(s, v, UNKNOWN);
  }
}

/** The call's effect when the receiver is one of several values: per alternative, then merged. */
function effectOf(info: MethodInfo, args: Value[], isStatic: boolean, site: number): CallEffect {
  const recv = args[0];
  if (isStatic || recv === undefined || recv.kind !== 'oneOf') return modelCall(info, args, isStatic, site);
  const effects = recv.values.map((alt) => modelCall(info, [alt, ...args.slice(1)], isStatic, site));
  const merge = (pick: (e: CallEffect) => Value | undefined): Value | undefined => {
    let out: Value | undefined;
    for (const e of effects) {
      const v = pick(e);
      if (v === undefined) return undefined;
      out = out === undefined ? v : joinValues(out, v);
    }
    return out;
  };
  const receiver = effects.some((e) => e.receiver) ? (merge((e) => e.receiver) ?? UNKNOWN) : undefined;
  return { receiver, result: merge((e) => e.result) };
}

/** The argument values of an invoke, one per parameter (wide ones use two registers). */
function invokeArgs(s: Value[], insn: DexInsn, info: MethodInfo, isStatic: boolean): Value[] {
  const regs = insn.registers;
  const args: Value[] = [];
  let r = 0;
  if (!isStatic) args.push(get(s, regs[r++]));
  const shapes = info.paramShapes;
  for (let p = 0; p < shapes.length; p++) {
    if (r >= regs.length) {
      args.push(UNKNOWN);
      continue;
    }
    let v = get(s, regs[r]);
    if (shapes[p] === SHAPE_REFERENCE && isNullish(v)) v = NULL;
    args.push(v);
    r += shapes[p] === SHAPE_WIDE ? 2 : 1;
  }
  return args;
}

function newArray(type: string, site: number, length: Value): ArrayValue {
  const n = length.kind === 'int' ? Number(length.value) : undefined;
  if (n === undefined || n < 0 || n > MAX_TRACKED_ARRAY)
    return n === undefined || n < 0
      ? { kind: 'array', type, site }
      : { kind: 'array', type, site, length: n };
  return { kind: 'array', type, site, length: n, elements: new Array<Value>(n).fill(ZERO) };
}

function fillArray(ctx: StepContext, s: Value[], insn: DexInsn): void {
  const r = insn.registers[0];
  const arr = get(s, r);
  if (arr.kind !== 'array' || insn.target === undefined) return;
  const pi = insn.target >= 0 && insn.target < ctx.cfg.at.length ? ctx.cfg.at[insn.target] : -1;
  const p = pi >= 0 ? ctx.cfg.insns[pi].payload : undefined;
  if (!p || p.kind !== 'fill-array-data') {
    updateAliases(s, arr, { kind: 'array', type: arr.type, site: arr.site });
    return;
  }
  const w = p.elementWidth;
  const b = ctx.dex.bytes;
  if (p.count > MAX_TRACKED_ARRAY || ![1, 2, 4, 8].includes(w) || p.dataOff + p.count * w > b.length) {
    updateAliases(s, arr, { kind: 'array', type: arr.type, site: arr.site, length: p.count });
    return;
  }
  const elements: Value[] = [];
  for (let i = 0; i < p.count; i++) {
    let v = 0n;
    for (let k = 0; k < w; k++) v |= BigInt(b[p.dataOff + i * w + k]) << BigInt(8 * k);
    const value = w === 8 ? BigInt.asIntN(64, v) : Number(BigInt.asIntN(w * 8, v));
    elements.push({ kind: 'int', value });
  }
  updateAliases(s, arr, { kind: 'array', type: arr.type, site: arr.site, length: p.count, elements });
}

function arrayPut(s: Value[], insn: DexInsn): void {
  const [vr, ar, ir] = insn.registers;
  const arr = get(s, ar);
  if (arr.kind !== 'array' || !arr.elements) return;
  const idx = get(s, ir);
  const i = idx.kind === 'int' ? Number(idx.value) : -1;
  const wide = insn.opcode === 0x4c;
  // Each aput copies the element list: past MAX_APUT_TRACKED elements the contents become unknown.
  if (i < 0 || i >= arr.elements.length || wide || arr.elements.length > MAX_APUT_TRACKED) {
    updateAliases(s, arr, { kind: 'array', type: arr.type, site: arr.site, length: arr.length });
    return;
  }
  const elements = arr.elements.slice();
  elements[i] = get(s, vr);
  updateAliases(s, arr, { ...arr, elements });
}

function arrayGet(s: Value[], insn: DexInsn): Value {
  const arr = get(s, insn.registers[1]);
  const idx = get(s, insn.registers[2]);
  if (arr.kind !== 'array' || !arr.elements || idx.kind !== 'int') return UNKNOWN;
  return arr.elements[Number(idx.value)] ?? UNKNOWN;
}

function invoke(ctx: StepContext, s: Value[], insn: DexInsn, resultSlot: number): void {
  const isStatic = insn.opcode === 0x71 || insn.opcode === 0x77;
  const info = methodInfo(ctx.dex, insn.index ?? -1);
  const args = invokeArgs(s, insn, info, isStatic);
  ctx.hooks.call?.(insn, info, args);
  const effect = effectOf(info, args, isStatic, insn.offset);
  if (effect.receiver && !isStatic) updateAliases(s, args[0], effect.receiver);
  let readsOnly = info.flags.get(READS_ONLY);
  if (readsOnly === undefined) {
    readsOnly = readsArgumentsOnly(info.descriptor);
    info.flags.set(READS_ONLY, readsOnly);
  }
  if (!readsOnly) clobberArguments(s, args, !isStatic && effect.receiver ? 1 : 0);
  if (info.ret === 'V') return;
  s[resultSlot] = effect.result ?? { kind: 'invoke', method: info.descriptor, args, offset: insn.offset };
}

/** Applies one instruction to `s` in place. */
export function step(ctx: StepContext, s: Value[], insn: DexInsn): void {
  const op = insn.opcode;
  const R = s.length - 1;
  const regs = insn.registers;
  const a = regs[0];
  if (op >= 0x01 && op <= 0x09) {
    const wide = op >= 0x04 && op <= 0x06;
    const v = get(s, regs[1]);
    const hi = wide ? get(s, regs[1] + 1) : UNKNOWN;
    put(s, a, v);
    if (wide) put(s, a + 1, hi);
    return;
  }
  if (op >= 0x0a && op <= 0x0c) {
    if (op === 0x0b) putWide(s, a, s[R]);
    else put(s, a, s[R]);
    s[R] = UNKNOWN;
    return;
  }
  if (op >= 0x0e && op <= 0x11) {
    ctx.hooks.ret?.(insn, op === 0x0e ? undefined : get(s, a));
    return;
  }
  if (op >= 0x12 && op <= 0x15) return put(s, a, { kind: 'int', value: insn.literal ?? 0 });
  if (op >= 0x16 && op <= 0x19) return putWide(s, a, { kind: 'int', value: insn.literal ?? 0n });
  switch (op) {
    case 0x0d: // move-exception
      return put(s, a, UNKNOWN);
    case 0x1a:
    case 0x1b: {
      const idx = insn.index ?? -1;
      return put(s, a, { kind: 'string', idx, text: ctx.dex.string(idx) });
    }
    case 0x1c:
      return put(s, a, { kind: 'class', type: ctx.dex.type(insn.index ?? -1) });
    case 0x1f: // check-cast keeps the value
      return;
    case 0x21: {
      const arr = get(s, regs[1]);
      return put(
        s,
        a,
        arr.kind === 'array' && arr.length !== undefined ? { kind: 'int', value: arr.length } : UNKNOWN,
      );
    }
    case 0x22:
      return put(s, a, { kind: 'new', type: ctx.dex.type(insn.index ?? -1), site: insn.offset });
    case 0x23:
      return put(s, a, newArray(ctx.dex.type(insn.index ?? -1), insn.offset, get(s, regs[1])));
    case 0x24:
    case 0x25: {
      const type = ctx.dex.type(insn.index ?? -1);
      s[R] = {
        kind: 'array',
        type,
        site: insn.offset,
        length: regs.length,
        elements: regs.map((r) => get(s, r)),
      };
      return;
    }
    case 0x26:
      return fillArray(ctx, s, insn);
  }
  if (op >= 0x44 && op <= 0x4a) {
    const v = arrayGet(s, insn);
    return op === 0x45 ? putWide(s, a, v) : put(s, a, v);
  }
  if (op >= 0x4b && op <= 0x51) return arrayPut(s, insn);
  if (op >= 0x52 && op <= 0x58) {
    const v = ctx.field(insn.index ?? -1, false);
    return op === 0x53 ? putWide(s, a, v) : put(s, a, v);
  }
  if (op >= 0x60 && op <= 0x66) {
    const v = ctx.field(insn.index ?? -1, true);
    return op === 0x61 ? putWide(s, a, v) : put(s, a, v);
  }
  if (op >= 0x67 && op <= 0x6d) {
    ctx.hooks.store?.(insn, insn.index ?? -1, get(s, a), undefined);
    return;
  }
  if ((op >= 0x6e && op <= 0x72) || (op >= 0x74 && op <= 0x78)) return invoke(ctx, s, insn, R);
  if (op >= 0xfa && op <= 0xfd) {
    s[R] = UNKNOWN;
    return;
  }
  if (op >= 0x59 && op <= 0x5f) {
    ctx.hooks.store?.(insn, insn.index ?? -1, get(s, a), get(s, regs[1]));
    return;
  }
  if ((op >= 0x1d && op <= 0x1e) || (op >= 0x27 && op <= 0x2c) || (op >= 0x32 && op <= 0x3d) || op === 0x00)
    return;
  // Everything else (arithmetic, compares, instance-of, const-method-*) writes vA with an unknown.
  if (a === undefined) return;
  put(s, a, UNKNOWN);
  if (insn.name.includes('long') || insn.name.includes('double')) put(s, a + 1, UNKNOWN);
}
