import { z } from '@hono/zod-openapi';
import { MemberDetail } from '../people/schemas.js';

export const MemberList = z.object({ members: z.array(MemberDetail) }).openapi('MemberList');

export const AuditLogEntry = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    action: z.string(),
    target: z.string().nullable(),
    actorEmail: z.string().nullable(),
    targetEmail: z
      .string()
      .nullable()
      .openapi({ description: "The target's email when it is one of the organisation's people" }),
    detail: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .nullable()
      .openapi({ description: 'What changed (never a secret)' }),
  })
  .openapi('AuditLogEntry');
export const AuditLogPage = z
  .object({
    entries: z.array(AuditLogEntry),
    nextBefore: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Pass as `before` for the next (older) page; null on the last page' }),
  })
  .openapi('AuditLogPage');
export const AuditLogQuery = z.object({
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ param: { name: 'before', in: 'query' }, description: 'Return entries older than this id' }),
  action: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9.-]+$/, 'letters, digits, dots and dashes')
    .optional()
    .openapi({
      param: { name: 'action', in: 'query' },
      description: 'Only this action (`member.add`), or a family (`member` matches `member.*`)',
    }),
});
