/** Looking for a control anywhere in the app's own code: calls with a constant argument, field writes. */
import type { DexEvidence } from '../../../../core/findings.js';
import type { AuditContext } from '../../../audit/context.js';
import { possibleInts } from '../../../code/index.js';
import { fieldWriters } from '../../../dex/index.js';
import { insnAt, methodValues, siteEvidence } from '../../crypto/lib/sites.js';
import { isBundledLibrary } from '../../shared/libraries.js';
import { appSites, siteClass } from '../../storage/lib/app-code.js';

export type Presence = { what: string; evidence: DexEvidence };

/**
 * The first app-code call of `apis` whose argument `argAt` may have any bit of `mask` set (an
 * argument that is not a known constant counts: the control may be there).
 */
export function callWithFlag(
  ctx: AuditContext,
  apis: readonly string[],
  argAt: number,
  mask: number,
  what: string,
): Presence | undefined {
  for (const s of appSites(ctx, apis)) {
    const v = s.values.args[argAt];
    const ints = v ? possibleInts(v) : undefined;
    if (ints && !ints.some((i) => (Number(i) & mask) !== 0)) continue;
    return { what: `${what} in ${s.where}`, evidence: siteEvidence(ctx, s) };
  }
  return undefined;
}

/**
 * The first app-code write of an int field (`Lcls;->name:I`) that may set a bit of `mask`: the
 * stored value is a constant with the bit, or it is computed and the method uses the literal `mask`
 * (`lp.flags |= FLAG_SECURE`).
 */
export function fieldWriteWithFlag(
  ctx: AuditContext,
  field: string,
  mask: number,
  what: string,
): Presence | undefined {
  const code = ctx.code;
  if (!code) return undefined;
  for (const site of fieldWriters(code, field)) {
    const cls = siteClass(ctx, site);
    if (!cls || isBundledLibrary(cls)) continue;
    const entry = ctx.dex[site.part];
    const mv = methodValues(entry.dex, entry.dex.method(site.method));
    if (!mv) continue;
    const i = site.offset < mv.cfg.at.length ? mv.cfg.at[site.offset] : -1;
    const src = i >= 0 ? mv.insns[i].registers[0] : undefined;
    const v = src !== undefined ? mv.stateBefore(site.offset)?.[src] : undefined;
    const ints = v ? possibleInts(v) : undefined;
    const hit = ints
      ? ints.some((n) => (Number(n) & mask) !== 0)
      : mv.insns.some((x) => x.literal !== undefined && Number(x.literal) === mask);
    if (hit)
      return { what, evidence: ctx.dexEvidence(site, insnAt(mv, entry.dex, site.offset) || undefined) };
  }
  return undefined;
}
