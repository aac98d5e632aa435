import { createRoute } from '@hono/zod-openapi';
import { labRouter } from '../router.js';
import { requireActor } from '../auth/middleware.js';
import { errorResponses, IdParam } from '../schemas.js';
import { listMembers } from './list-members.js';
import { MemberList } from './schemas.js';

const listMembersRoute = createRoute({
  method: 'get',
  path: '/orgs/{id}/members',
  tags: ['orgs'],
  summary: "The organisation's members",
  middleware: requireActor,
  security: [{ session: [] }],
  request: { params: IdParam },
  responses: {
    200: { description: 'Members', content: { 'application/json': { schema: MemberList } } },
    ...errorResponses(400, 401, 404),
  },
});

export const orgRoutes = labRouter().openapi(listMembersRoute, async (c) =>
  c.json(await listMembers(c.var.deps.db, c.var.actor, c.req.valid('param').id), 200),
);
