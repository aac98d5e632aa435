import { z } from '@hono/zod-openapi';
import { AUDIT_KINDS, AUDIT_STATUSES, SEVERITIES, TRIAGE_STATUSES } from '../../store/schema.js';

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

export const Artifact = z
  .object({ sha256: Sha256, size: z.number().int(), fileName: z.string(), created: z.boolean() })
  .openapi('Artifact');

export const UploadQuery = z.object({
  name: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^/\\\0]+$/, 'a file name without path separators')
    .optional()
    .openapi({ param: { name: 'name', in: 'query' }, description: 'Original file name' }),
});

export const CreateAuditBody = z.object({ artifactSha256: Sha256 }).openapi('CreateAudit');

const SeverityCounts = z.object(
  Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int()])) as Record<
    (typeof SEVERITIES)[number],
    z.ZodNumber
  >,
);

export const AuditSummary = z
  .object({ total: z.number().int(), suppressed: z.number().int(), bySeverity: SeverityCounts })
  .openapi('AuditSummary');

export const Audit = z
  .object({
    id: z.uuid(),
    kind: z
      .enum(AUDIT_KINDS)
      .openapi({ description: 'apk, ussd (a USSD scan) or stk (an STK capture or profile)' }),
    artifactSha256: Sha256.nullable().openapi({ description: 'The audited upload; null for a USSD scan' }),
    status: z.enum(AUDIT_STATUSES),
    progress: z.string().nullable(),
    progressPercent: z.number().int().min(0).max(100).nullable(),
    target: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .nullable()
      .openapi({ description: "A USSD scan's target without its secrets (PINs, header values)" }),
    error: z.string().nullable(),
    summary: AuditSummary.nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .openapi('Audit');

export const ReportParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  format: z.enum(['json', 'sarif', 'html']).openapi({ param: { name: 'format', in: 'path' } }),
});

export const FindingRow = z
  .object({
    id: z.uuid(),
    auditId: z.uuid(),
    checkId: z.string(),
    fingerprint: z.string(),
    severity: z.enum(SEVERITIES),
    title: z.string(),
    message: z.string(),
    triage: z.enum(TRIAGE_STATUSES),
    triageReason: z.string().nullable(),
  })
  .openapi('Finding');
export const FindingList = z.object({ findings: z.array(FindingRow) }).openapi('FindingList');

export const TriageBody = z
  .discriminatedUnion('status', [
    z.object({
      status: z.enum(['open', 'confirmed', 'false-positive', 'fixed']),
      reason: z.string().max(2000).optional(),
    }),
    z.object({ status: z.literal('accepted-risk'), reason: z.string().trim().min(1).max(2000) }),
  ])
  .openapi('Triage');
