/**
 * Small questions about method bodies that security checks ask: does a trust manager accept
 * everything, does a verifier always say yes, does an SSL error handler proceed.
 */
import type { DexEncodedMethod, DexFile } from '../dex/index.js';
import { analyzeMethodValues, type CallValues, type MethodValues } from './analyze.js';
import { alternatives, isNullish, possibleInts, type Value } from './values.js';

/**
 * Calls that cannot validate anything: logging, printing, string building, Object.<init>, and
 * Kotlin's parameter null checks (they throw only on a null argument, never on a bad certificate).
 */
const HARMLESS_PREFIXES = [
  'Landroid/util/Log;->',
  'Ljava/io/PrintStream;->print',
  'Ljava/lang/StringBuilder;->',
  'Ljava/lang/StringBuffer;->',
  'Ljava/lang/String;->valueOf(',
  'Ljava/lang/Object;-><init>()V',
  'Ljava/lang/Object;->toString()',
  'Ljava/lang/Throwable;->printStackTrace()V',
  'Ljava/util/Arrays;->toString(',
  'Lkotlin/jvm/internal/Intrinsics;->checkNotNullParameter(',
  'Lkotlin/jvm/internal/Intrinsics;->checkParameterIsNotNull(',
  'Lkotlin/jvm/internal/Intrinsics;->checkNotNull(',
];

export function isHarmlessCall(descriptor: string): boolean {
  return HARMLESS_PREFIXES.some((p) => descriptor.startsWith(p));
}

export type TrivialBody = {
  /** 'empty': no call at all; 'logging-only': only the harmless calls listed in `calls`. */
  kind: 'empty' | 'logging-only';
  /** Descriptors of the (harmless) calls made. */
  calls: string[];
};

function values(dex: DexFile, method: DexEncodedMethod): MethodValues | undefined {
  return method.codeOff === 0 ? undefined : analyzeMethodValues(dex, method);
}

/**
 * Describes a body that returns without throwing and without calling anything that could
 * validate: no reachable `throw`, at least one reachable return, and every reachable invoke is a
 * harmless call (logging, printing, string building, Object.<init>, Kotlin null checks).
 * Undefined otherwise (abstract/native methods included).
 */
export function trivialBody(dex: DexFile, method: DexEncodedMethod): TrivialBody | undefined {
  const mv = values(dex, method);
  if (!mv || mv.throws.length > 0 || mv.returns.length === 0 || !mv.converged) return undefined;
  const calls = [...mv.calls.values()].map((c) => c.descriptor);
  if (!calls.every(isHarmlessCall)) return undefined;
  return { kind: calls.length === 0 ? 'empty' : 'logging-only', calls };
}

/**
 * True for a trust-all shaped body, e.g. `checkServerTrusted` that only returns (or logs, then
 * returns): see `trivialBody` for exactly what is accepted.
 */
export function methodReturnsWithoutThrowing(dex: DexFile, method: DexEncodedMethod): boolean {
  return trivialBody(dex, method) !== undefined;
}

function isEmptyArray(v: Value): boolean {
  return v.kind === 'array' && v.length === 0;
}

/** True when every reachable return gives null or a zero-length array (e.g. `getAcceptedIssuers`). */
export function methodReturnsNullOrEmptyArray(dex: DexFile, method: DexEncodedMethod): boolean {
  const mv = values(dex, method);
  if (!mv || mv.returns.length === 0 || !mv.converged) return false;
  return mv.returns.every(
    (r) => r.value !== undefined && alternatives(r.value).every((v) => isNullish(v) || isEmptyArray(v)),
  );
}

/**
 * The constant every reachable return gives (e.g. 1 for `HostnameVerifier.verify` returning
 * true on every path), else undefined.
 */
export function methodAlwaysReturnsConst(
  dex: DexFile,
  method: DexEncodedMethod,
): number | bigint | undefined {
  const mv = values(dex, method);
  if (!mv || mv.returns.length === 0 || !mv.converged) return undefined;
  let out: number | bigint | undefined;
  for (const r of mv.returns) {
    if (!r.value) return undefined;
    const ints = possibleInts(r.value);
    if (!ints || ints.length !== 1) return undefined;
    if (out !== undefined && out !== ints[0]) return undefined;
    out = ints[0];
  }
  return out;
}

/**
 * Calls from `method` to `callee` (a full smali descriptor, or a predicate over descriptors)
 * whose receiver is parameter `receiverParam` (0-based, not counting `this`); any receiver when
 * omitted. E.g. `SslErrorHandler.proceed()` on the handler parameter of onReceivedSslError.
 */
export function methodCallsOnReceiver(
  dex: DexFile,
  method: DexEncodedMethod,
  callee: string | ((descriptor: string) => boolean),
  receiverParam?: number,
): CallValues[] {
  const mv = values(dex, method);
  if (!mv) return [];
  const match = typeof callee === 'string' ? (d: string) => d === callee : callee;
  return [...mv.calls.values()].filter((c) => {
    if (!match(c.descriptor)) return false;
    if (receiverParam === undefined) return true;
    const recv = c.args[0];
    return (
      recv !== undefined && alternatives(recv).some((v) => v.kind === 'param' && v.index === receiverParam)
    );
  });
}

/**
 * True when every path from the entry to a return passes through one of the instructions at
 * `offsets` (e.g. the handler is told to proceed unconditionally). Exception edges count as paths.
 */
export function reachedOnEveryPath(mv: MethodValues, offsets: readonly number[]): boolean {
  const { cfg } = mv;
  if (cfg.blocks.length === 0) return false;
  const cut = new Set<number>();
  for (const off of offsets) {
    const i = off >= 0 && off < cfg.at.length ? cfg.at[off] : -1;
    if (i >= 0) cut.add(cfg.blockOf[i]);
  }
  const seen = new Array<number>(cfg.blocks.length).fill(0);
  const stack = [0];
  seen[0] = 1;
  while (stack.length > 0) {
    const b = stack.pop() as number;
    const blk = cfg.blocks[b];
    if (cut.has(b)) continue;
    const next = new Set(blk.succ);
    for (let i = blk.first; i < blk.last; i++) {
      const op = cfg.insns[i].opcode;
      if (cfg.insns[i].format !== 'payload' && op >= 0x0e && op <= 0x11) return false;
      for (const h of cfg.handlersOf[i] ?? []) next.add(h);
    }
    for (const n of next) {
      if (seen[n]) continue;
      seen[n] = 1;
      stack.push(n);
    }
  }
  return true;
}

/** The argument values (receiver first) at the invoke at `offset`, or undefined when it is not a reachable invoke. */
export function valuesAtCall(dex: DexFile, method: DexEncodedMethod, offset: number): CallValues | undefined {
  const mv = values(dex, method);
  return mv?.calls.get(offset);
}
