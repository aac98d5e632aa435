/** Pure rules: who may change audit data. Reading is scoped by organisation in the queries. */
import type { Role } from '../../store/schema.js';

const WRITERS: Record<Role, boolean> = { admin: true, analyst: true, viewer: false };

export function mayUpload(role: Role): boolean {
  return WRITERS[role];
}
export function mayStartAudit(role: Role): boolean {
  return WRITERS[role];
}
export function mayTriage(role: Role): boolean {
  return WRITERS[role];
}
