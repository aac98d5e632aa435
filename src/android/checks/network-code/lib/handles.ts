/**
 * From the code-analysis handles (class and method found through the class hierarchy) to what a
 * finding needs: the method's index in the DEX index (for evidence) and where a class is
 * instantiated or handed to an API.
 */
import type { DexEvidence } from '../../../../core/findings.js';
import type { AuditContext } from '../../../audit/context.js';
import { alternatives, subclassesOf, type MethodHandle, type Value } from '../../../code/index.js';
import { classMethods, typeUsers, type CodeSite } from '../../../dex/index.js';
import { argValues } from '../../crypto/lib/resolve.js';
import { insnAt, methodValues, sitesWithValues, whereText, type ValueSite } from '../../crypto/lib/sites.js';

const OP_NEW_INSTANCE = 0x22;

/** The (part, method index) of a method handle, for ctx.dexEvidence. */
export function methodRef(ctx: AuditContext, h: MethodHandle): { part: number; method: number } | undefined {
  const code = ctx.code;
  if (!code) return undefined;
  for (const ref of classMethods(code, h.cls)) {
    if (ref.part === h.part && code.parts[ref.part].dex.method(ref.method) === h.method) return ref;
  }
  return undefined;
}

/** Evidence at an instruction of a method handle (offset 0 when no offset is given). */
export function handleEvidence(ctx: AuditContext, h: MethodHandle, offset = 0): DexEvidence | undefined {
  const ref = methodRef(ctx, h);
  if (!ref) return undefined;
  const mv = methodValues(h.dex, h.method);
  const insn = mv ? insnAt(mv, h.dex, offset) : '';
  return ctx.dexEvidence({ ...ref, offset }, insn || undefined);
}

/** The class and every subclass of it the APK defines. */
export function withSubclasses(ctx: AuditContext, cls: string): Set<string> {
  const out = new Set([cls]);
  for (const sub of subclassesOf(
    ctx.dex.map((d) => d.dex),
    cls,
  ))
    out.add(sub.descriptor);
  return out;
}

/** True when a value is (or may be) an instance of one of `types` (new-instance, `this`, or a typed parameter). */
export function isInstanceOf(v: Value | undefined, types: Set<string>): boolean {
  if (!v) return false;
  return alternatives(v).some((a) => {
    if (a.kind === 'new' || a.kind === 'this' || a.kind === 'param') return types.has(a.type);
    if (a.kind === 'array' && a.elements) return a.elements.some((e) => isInstanceOf(e, types));
    return false;
  });
}

/** Call sites of `apis` whose argument `argAt` (receiver first) is an instance of one of `types`. */
export function sitesPassing(
  ctx: AuditContext,
  apis: Record<string, number>,
  types: Set<string>,
): ValueSite[] {
  // The trust-manager array is often built once into a field and used elsewhere: follow fields and callers.
  return sitesWithValues(ctx, Object.keys(apis)).filter((s) =>
    argValues(ctx, s, apis[s.call.api]).some((r) => isInstanceOf(r.value, types)),
  );
}

/** new-instance sites of any of `types`, as `Lcls;->m()V at 0x4` texts with their sites. */
export function instantiations(ctx: AuditContext, types: Set<string>): { site: CodeSite; where: string }[] {
  const code = ctx.code;
  if (!code) return [];
  const out: { site: CodeSite; where: string }[] = [];
  for (const t of types) {
    for (const site of typeUsers(code, t)) {
      if (site.opcode !== OP_NEW_INSTANCE) continue;
      const entry = ctx.dex[site.part];
      const mv = methodValues(entry.dex, entry.dex.method(site.method));
      if (!mv) continue;
      out.push({ site, where: whereText(mv.descriptor, site.offset) });
    }
  }
  return out;
}
