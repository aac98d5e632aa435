/** STK audits: upload a capture or card profile and audit it in one call. Transport only. */
import { createRoute, z } from '@hono/zod-openapi';
import { createAudit } from '../audits/create-audit.js';
import { UploadQuery } from '../audits/schemas.js';
import { uploadArtifact } from '../audits/upload-artifact.js';
import { requireActor } from '../auth/middleware.js';
import { labRouter } from '../router.js';
import { errorResponses } from '../schemas.js';

const auth = { middleware: requireActor, security: [{ session: [] as string[] }] };

export const StkAuditCreated = z
  .object({ id: z.uuid(), created: z.boolean(), sha256: z.string() })
  .openapi('StkAuditCreated');

const createStkRoute = createRoute({
  method: 'post',
  path: '/stk-audits',
  tags: ['stk'],
  summary:
    'Upload an STK capture or card profile (JSON, CSV or text, as `dfslab stk audit` reads) as the raw body and audit it',
  ...auth,
  request: {
    query: UploadQuery,
    body: {
      required: true,
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
  responses: {
    202: { description: 'Queued', content: { 'application/json': { schema: StkAuditCreated } } },
    200: {
      description: 'The same bytes were already audited (or are queued)',
      content: { 'application/json': { schema: StkAuditCreated } },
    },
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

export const stkRoutes = labRouter().openapi(createStkRoute, async (c) => {
  const name = c.req.valid('query').name ?? 'capture.json';
  const art = await uploadArtifact(c.var.deps, c.var.actor, c.req.raw.body, name, 'stk');
  const r = await createAudit(c.var.deps, c.var.actor, art.sha256, 'stk');
  return c.json({ ...r, sha256: art.sha256 }, r.created ? 202 : 200);
});
