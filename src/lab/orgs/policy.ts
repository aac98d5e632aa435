/** Pure visibility rules for organisations. Invisible means 404, never 403. */
import type { Actor } from '../env.js';

/** In this slice an actor sees only their own organisation (regulator oversight comes later). */
export function maySeeOrg(actor: Actor, orgId: string): boolean {
  return actor.orgId === orgId;
}

/** Only the organisation's admins read its audit log. */
export function mayReadAuditLog(actor: Actor, orgId: string): boolean {
  return actor.orgId === orgId && actor.role === 'admin';
}
