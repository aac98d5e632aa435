import { z } from '@hono/zod-openapi';
import { ROLES } from '../../store/schema.js';

export const Member = z
  .object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(ROLES) })
  .openapi('Member');
export const MemberList = z.object({ members: z.array(Member) }).openapi('MemberList');

export const AuditLogEntry = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    action: z.string(),
    target: z.string().nullable(),
    actorEmail: z.string().nullable(),
  })
  .openapi('AuditLogEntry');
export const AuditLogPage = z.object({ entries: z.array(AuditLogEntry) }).openapi('AuditLogPage');
export const AuditLogQuery = z.object({
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ param: { name: 'before', in: 'query' }, description: 'Return entries older than this id' }),
});
