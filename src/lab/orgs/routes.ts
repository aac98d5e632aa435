import { createRoute } from '@hono/zod-openapi';
import { requireActor } from '../auth/middleware.js';
import { labRouter } from '../router.js';
import { errorResponses, IdParam } from '../schemas.js';
import { listMembers } from './list-members.js';
import { readAuditLog } from './read-audit-log.js';
import { AuditLogPage, AuditLogQuery, MemberList } from './schemas.js';

const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

const listMembersRoute = createRoute({
  method: 'get',
  path: '/orgs/{id}/members',
  tags: ['orgs'],
  summary: "The organisation's members",
  middleware: requireActor,
  security,
  request: { params: IdParam },
  responses: {
    200: { description: 'Members', content: { 'application/json': { schema: MemberList } } },
    ...errorResponses(400, 401, 404),
  },
});

const auditLogRoute = createRoute({
  method: 'get',
  path: '/orgs/{id}/audit-log',
  tags: ['orgs'],
  summary: 'Who did what in the organisation, newest first (admins only)',
  middleware: requireActor,
  security,
  request: { params: IdParam, query: AuditLogQuery },
  responses: {
    200: { description: 'A page of entries', content: { 'application/json': { schema: AuditLogPage } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const orgRoutes = labRouter()
  .openapi(listMembersRoute, async (c) =>
    c.json(await listMembers(c.var.deps.db, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(auditLogRoute, async (c) =>
    c.json(
      await readAuditLog(
        c.var.deps.db,
        c.var.actor,
        c.req.valid('param').id,
        c.req.valid('query').before,
        c.req.valid('query').action,
      ),
      200,
    ),
  );
