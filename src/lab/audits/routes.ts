/** Artifacts, audits, reports, findings and triage: transport only. */
import { createRoute, z } from '@hono/zod-openapi';
import { REPORT_FORMATS, REPORT_MEDIA_TYPE } from '../../core/report/index.js';
import { requireActor } from '../auth/middleware.js';
import { labRouter } from '../router.js';
import { errorResponses, IdParam } from '../schemas.js';
import { createAudit } from './create-audit.js';
import { auditReport, getAudit, listFindings } from './read-audits.js';
import {
  Artifact,
  Audit,
  CreateAuditBody,
  FindingList,
  FindingRow,
  TriageBody,
  UploadQuery,
} from './schemas.js';
import { triageFinding } from './triage-finding.js';
import { uploadArtifact } from './upload-artifact.js';

const auth = { middleware: requireActor, security: [{ session: [] as string[] }] };
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const uploadRoute = createRoute({
  method: 'post',
  path: '/artifacts',
  tags: ['audits'],
  summary: 'Upload an APK as the raw request body (streamed to disk, deduplicated by SHA-256)',
  ...auth,
  request: {
    query: UploadQuery,
    body: {
      required: true,
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
  responses: {
    201: json(Artifact, 'Stored for this organisation'),
    200: json(Artifact, 'Already stored for this organisation'),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

const createAuditRoute = createRoute({
  method: 'post',
  path: '/audits',
  tags: ['audits'],
  summary: 'Audit an uploaded artifact (returns the existing audit of the same bytes if any)',
  ...auth,
  request: { body: { required: true, content: { 'application/json': { schema: CreateAuditBody } } } },
  responses: {
    202: json(z.object({ id: z.uuid(), created: z.boolean() }), 'Queued'),
    200: json(z.object({ id: z.uuid(), created: z.boolean() }), 'Already audited or queued'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const getAuditRoute = createRoute({
  method: 'get',
  path: '/audits/{id}',
  tags: ['audits'],
  summary: 'Status, progress and summary of an audit',
  ...auth,
  request: { params: IdParam },
  responses: { 200: json(Audit, 'The audit'), ...errorResponses(400, 401, 404) },
});

const findingsRoute = createRoute({
  method: 'get',
  path: '/audits/{id}/findings',
  tags: ['audits'],
  summary: "An audit's findings with their triage",
  ...auth,
  request: { params: IdParam },
  responses: { 200: json(FindingList, 'Findings, worst first'), ...errorResponses(400, 401, 404) },
});

const triageRoute = createRoute({
  method: 'patch',
  path: '/findings/{id}',
  tags: ['audits'],
  summary: 'Triage a finding (accepted-risk needs a reason)',
  ...auth,
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: TriageBody } } },
  },
  responses: { 200: json(FindingRow, 'The triaged finding'), ...errorResponses(400, 401, 403, 404) },
});

let router = labRouter()
  .openapi(uploadRoute, async (c) => {
    const name = c.req.valid('query').name ?? 'upload.apk';
    const r = await uploadArtifact(c.var.deps, c.var.actor, c.req.raw.body, name);
    return c.json(r, r.created ? 201 : 200);
  })
  .openapi(createAuditRoute, async (c) => {
    const r = await createAudit(c.var.deps, c.var.actor, c.req.valid('json').artifactSha256);
    return c.json(r, r.created ? 202 : 200);
  })
  .openapi(getAuditRoute, async (c) =>
    c.json(await getAudit(c.var.deps.db, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(findingsRoute, async (c) =>
    c.json(await listFindings(c.var.deps.db, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(triageRoute, async (c) =>
    c.json(await triageFinding(c.var.deps, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  );

for (const format of REPORT_FORMATS) {
  const route = createRoute({
    method: 'get',
    path: `/audits/{id}/report.${format}`,
    tags: ['audits'],
    summary: `The audit report as ${format.toUpperCase()}`,
    ...auth,
    request: { params: IdParam },
    responses: {
      200: { description: 'The report', content: { [REPORT_MEDIA_TYPE[format]]: { schema: z.string() } } },
      ...errorResponses(400, 401, 404, 409),
    },
  });
  router = router.openapi(route, async (c) => {
    const body = await auditReport(c.var.deps.db, c.var.actor, c.req.valid('param').id, format);
    c.header('content-type', REPORT_MEDIA_TYPE[format]);
    c.header('content-disposition', `attachment; filename="report.${format === 'sarif' ? 'sarif' : format}"`);
    return c.body(body, 200);
  }) as typeof router;
}

export const auditRoutes = router;
