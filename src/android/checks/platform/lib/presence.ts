/** Looking for a control anywhere in the app's own code: calls with a constant argument, field writes. */
import type { DexEvidence } from '../../../../core/findings.js';
import type { AuditContext } from '../../../audit/context.js';
import { possibleInts } from '../../../code/index.js';
import { fieldWriters } from '../../../dex/index.js';
import { siteEvidence } from '../../crypto/lib/sites.js';
import { appSites, isLibraryClass, siteClass } from '../../storage/lib/app-code.js';

export type Presence = { what: string; evidence: DexEvidence };

/**
 * The first app-code call of `apis` whose argument `argAt` may have any bit of `mask` set (an
 * argument that is not a known constant counts: the control may be there).
 */
export function callWithFlag(ctx: AuditContext, apis: readonly string[], argAt: number, mask: number, what: string): Presence | undefined {
  for (const s of appSites(ctx, apis)) {
    const v = s.values.args[argAt];
    const ints = v ? possibleInts(v) : undefined;
    if (ints && !ints.some((i) => (Number(i) & mask) !== 0)) continue;
    return { what: `${what} in ${s.where}`, evidence: siteEvidence(ctx, s) };
  }
  return undefined;
}

/** The first app-code write of a field (`Lcls;->name:type`). */
export function fieldWrite(ctx: AuditContext, field: string, what: string): Presence | undefined {
  const code = ctx.code;
  if (!code) return undefined;
  for (const site of fieldWriters(code, field)) {
    const cls = siteClass(ctx, site);
    if (cls && !isLibraryClass(cls)) return { what, evidence: ctx.dexEvidence(site) };
  }
  return undefined;
}
