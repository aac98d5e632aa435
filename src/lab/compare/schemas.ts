import { z } from '@hono/zod-openapi';
import { AUDIT_KINDS, AUDIT_STATUSES, SEVERITIES, TRIAGE_STATUSES } from '../../store/schema.js';
import { AuditSummary, Sha256 } from '../audits/schemas.js';

export const AuditListItem = z
  .object({
    id: z.uuid(),
    kind: z.enum(AUDIT_KINDS),
    artifactSha256: Sha256.nullable(),
    fileName: z.string().nullable(),
    appName: z.string().nullable(),
    package: z.string().nullable(),
    versionName: z.string().nullable(),
    versionCode: z.number().int().nullable(),
    /** The report's target name: the app, the USSD service code, the STK capture. */
    targetName: z.string().nullable(),
    status: z.enum(AUDIT_STATUSES),
    progress: z.string().nullable(),
    progressPercent: z.number().int().nullable(),
    error: z.string().nullable(),
    summary: AuditSummary.nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .openapi('AuditListItem');
export const AuditList = z
  .object({
    audits: z.array(AuditListItem),
    /** Pass as `before` for the next (older) page; null on the last page. */
    nextBefore: z.string().nullable(),
  })
  .openapi('AuditList');

/** `before` is the `nextBefore` of the previous page: the id of its last (oldest) audit. */
export const AuditListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' }, description: 'Audits per page (1–500, default 50)' }),
  before: z
    .uuid()
    .optional()
    .openapi({
      param: { name: 'before', in: 'query' },
      description: 'The `nextBefore` of the previous page',
    }),
});

export const CompareQuery = z.object({
  base: z
    .uuid()
    .openapi({ param: { name: 'base', in: 'query' }, description: 'The older audit to compare against' }),
});

export const ComparedFinding = z
  .object({
    fingerprint: z.string(),
    checkId: z.string(),
    severity: z.enum(SEVERITIES),
    title: z.string(),
    message: z.string(),
    /** Triage in the newer audit (or the base audit for fixed findings). */
    triage: z.enum(TRIAGE_STATUSES),
  })
  .openapi('ComparedFinding');

export const Comparison = z
  .object({
    base: AuditListItem,
    head: AuditListItem,
    new: z.array(ComparedFinding),
    fixed: z.array(ComparedFinding),
    unchanged: z.array(ComparedFinding),
  })
  .openapi('Comparison');

export type AuditListItemT = z.infer<typeof AuditListItem>;
export type ComparedFindingT = z.infer<typeof ComparedFinding>;
