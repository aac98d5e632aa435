/** GET /api/audits (the organisation's audits) and GET /api/audits/{id}/compare?base=ID. */
import { createRoute } from '@hono/zod-openapi';
import { requireActor } from '../auth/middleware.js';
import { labRouter } from '../router.js';
import { errorResponses, IdParam } from '../schemas.js';
import { compareAudits } from './compare-audits.js';
import { listAudits } from './list-audits.js';
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
  .openapi(listRoute, async (c) =>
    c.json(await listAudits(c.var.deps.db, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(compareRoute, async (c) =>
    c.json(
      await compareAudits(c.var.deps.db, c.var.actor, c.req.valid('param').id, c.req.valid('query').base),
      200,
    ),
  );
