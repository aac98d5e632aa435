/** Pure rules for managing organisations and people. Invisible means 404, never 403. */
import type { OrgType, Role } from '../../store/schema.js';
import type { Actor } from '../env.js';

export type Verdict = { ok: true } | { ok: false; reason: string };
const ok: Verdict = { ok: true };
const no = (reason: string): Verdict => ({ ok: false, reason });

/** The organisation made at first start runs the lab; its admins manage organisations. */
export const LAB_OPERATOR: OrgType = 'lab operator';

/** People and organisations are managed from a signed-in session, never with an API token. */
export function mayManagePeople(actor: Actor): Verdict {
  if (actor.tokenId) return no('API tokens cannot manage people or organisations; sign in');
  if (actor.role !== 'admin') return no('only admins manage members');
  return ok;
}

export function mayManageOrgs(actor: Actor, actorOrgType: OrgType): Verdict {
  const v = mayManagePeople(actor);
  if (!v.ok) return v;
  if (actorOrgType !== LAB_OPERATOR) return no("only the lab operator's admins manage organisations");
  return ok;
}

export type MemberState = { role: Role; active: boolean };

/** No change may leave an organisation without an active admin. */
export function keepsAnAdmin(before: MemberState, after: MemberState, activeAdmins: number): Verdict {
  const wasAdmin = before.active && before.role === 'admin';
  const staysAdmin = after.active && after.role === 'admin';
  if (wasAdmin && !staysAdmin && activeAdmins <= 1)
    return no('the organisation needs at least one active admin; make another admin first');
  return ok;
}
