/** GET /api/audits (the organisation's audits) and GET /api/audits/{id}/compare?base=ID. */
import { createRoute, type z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { requireActor } from '../auth/middleware.js';
import { labRouter } from '../router.js';
import { errorResponses, IdParam } from '../schemas.js';
import { compareAudits } from './compare-audits.js';
import { listAuditsJson } from './list-audits.js';
import { AuditList, AuditListQuery, CompareQuery, Comparison } from './schemas.js';

const auth = { middleware: requireActor, security: [{ session: [] as string[] }] };

const listRoute = createRoute({
  method: 'get',
  path: '/audits',
  tags: ['audits'],
  summary: "The organisation's audits, newest first, a page at a time",
  ...auth,
  request: { query: AuditListQuery },
  responses: {
    200: { description: 'Audits', content: { 'application/json': { schema: AuditList } } },
    ...errorResponses(400, 401),
  },
});

const compareRoute = createRoute({
  method: 'get',
  path: '/audits/{id}/compare',
  tags: ['audits'],
  summary: 'Compare this audit with an older one of the same package: new, fixed, unchanged findings',
  ...auth,
  request: { params: IdParam, query: CompareQuery },
  responses: {
    200: { description: 'The comparison', content: { 'application/json': { schema: Comparison } } },
    ...errorResponses(400, 401, 404, 409),
  },
});

export const compareRoutes = labRouter()
  // The body is built by PostgreSQL in the AuditList shape (see listAuditsJson; a test compares
  // it with the mapped items): sent as is, typed as the JSON it is.
  .openapi(listRoute, async (c) => {
    const body = await listAuditsJson(c.var.deps.db, c.var.actor, c.req.valid('query'));
    return c.body(body, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<
      z.infer<typeof AuditList>,
      200,
      'json'
    >;
  })
  .openapi(compareRoute, async (c) =>
    c.json(
      await compareAudits(c.var.deps.db, c.var.actor, c.req.valid('param').id, c.req.valid('query').base),
      200,
    ),
  );
