/**
 * Shared plumbing for the code checks (crypto, network trust, WebView): from an API descriptor to
 * the call sites with the values that reach them, and from a site to a finding's evidence.
 *
 * The reverse call index (`ctx.calls`) finds the candidate sites cheaply; only the methods that
 * contain one are analysed (value flow inside the method, see src/android/code).
 */
import { isDfslabError } from '../../../../core/errors.js';
import type { DexEvidence } from '../../../../core/findings.js';
import type { ApiCall, AuditContext } from '../../../audit/context.js';
import { analyzeMethodValues, formatInsn, type CallValues, type MethodValues } from '../../../code/index.js';
import type { DexEncodedMethod, DexFile } from '../../../dex/index.js';

/** A call site with the register values at the invoke. */
export type ValueSite = {
  call: ApiCall;
  /** Receiver first (instance calls and constructors), then one value per parameter. */
  values: CallValues;
  mv: MethodValues;
  /** The invoke rendered smali-style (for evidence). */
  insn: string;
  /** `Lpkg/Cls;->name(proto)ret at 0x1a` (for messages). */
  where: string;
  /** Class descriptor of the calling method. */
  cls: string;
};

/** Values of one method, or undefined when its code is missing or malformed. */
export function methodValues(dex: DexFile, method: DexEncodedMethod): MethodValues | undefined {
  if (method.codeOff === 0) return undefined;
  try {
    return analyzeMethodValues(dex, method);
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
}

/** The instruction at a code-unit offset, rendered (empty when the offset is not an instruction). */
export function insnAt(mv: MethodValues, dex: DexFile, offset: number): string {
  const i = offset >= 0 && offset < mv.cfg.at.length ? mv.cfg.at[offset] : -1;
  return i >= 0 ? formatInsn(dex, mv.insns[i]) : '';
}

/** `Lpkg/Cls;->name(proto)ret at 0x1a`. */
export function whereText(descriptor: string, offset: number): string {
  return `${descriptor} at 0x${offset.toString(16)}`;
}

/**
 * Every reachable call site of the given APIs (full smali descriptors) with the values at the
 * invoke; sites in classes for which `skip` says true, and unreachable code, are left out.
 */
export function sitesWithValues(
  ctx: AuditContext,
  apis: readonly string[],
  skip?: (cls: string) => boolean,
): ValueSite[] {
  const out: ValueSite[] = [];
  for (const api of apis) {
    for (const call of ctx.calls(api)) {
      // The class is known before the (costlier) value analysis: skipped library code is never analysed.
      const cls = classOf(call);
      if (cls === undefined || skip?.(cls)) continue;
      const mv = methodValues(call.dex, call.encoded);
      const values = mv?.calls.get(call.offset);
      if (!mv || !values) continue;
      out.push({
        call,
        values,
        mv,
        insn: insnAt(mv, call.dex, call.offset),
        where: whereText(mv.descriptor, call.offset),
        cls,
      });
    }
  }
  return out;
}

function classOf(call: ApiCall): string | undefined {
  try {
    return call.dex.type(call.dex.ids.methodClass[call.encoded.methodIdx]);
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
}

/** DEX evidence for a value site: file, class, method, offset and the invoke instruction. */
export function siteEvidence(ctx: AuditContext, s: ValueSite): DexEvidence {
  return ctx.dexEvidence(s.call, s.insn || undefined);
}

/** The parameter values of a call (the receiver dropped for instance calls and constructors). */
export function params(s: ValueSite, isStatic: boolean): CallValues['args'] {
  return isStatic ? s.values.args : s.values.args.slice(1);
}

/** `Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)…` → `Cipher.getInstance` (constructors: `new SecretKeySpec`). */
export function apiShortName(descriptor: string): string {
  const arrow = descriptor.indexOf('->');
  const cls = descriptor.slice(0, arrow);
  const simple = cls.slice(cls.lastIndexOf('/') + 1).replace(/;$/, '');
  const name = descriptor.slice(arrow + 2, descriptor.indexOf('('));
  return name === '<init>' ? `new ${simple}` : `${simple}.${name}`;
}
