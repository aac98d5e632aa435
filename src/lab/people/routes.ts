/** /api/orgs and /api/orgs/{id}/members/…: managing organisations and people. Transport only. */
import type { z } from '@hono/zod-openapi';
import { createRoute } from '@hono/zod-openapi';
import { requireActor } from '../auth/middleware.js';
import { labRouter } from '../router.js';
import { errorResponses, IdParam } from '../schemas.js';
import { addMember, resetMemberPassword, updateMember } from './members.js';
import { createOrg, listOrgs } from './orgs.js';
import {
  AddMemberBody,
  CreatedOrg,
  CreateOrgBody,
  MemberDetail,
  MemberWithPassword,
  OrgList,
  UpdateMemberBody,
  UserIdParam,
} from './schemas.js';

const auth = { middleware: requireActor, security: [{ session: [] as string[] }] };
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

const listOrgsRoute = createRoute({
  method: 'get',
  path: '/orgs',
  tags: ['orgs'],
  summary: "Organisations: all of them for the lab operator's admins, else only your own",
  middleware: requireActor,
  security: [{ session: [] }, { bearer: [] }] as Record<string, string[]>[],
  responses: { 200: json(OrgList, 'Organisations'), ...errorResponses(401) },
});

const createOrgRoute = createRoute({
  method: 'post',
  path: '/orgs',
  tags: ['orgs'],
  summary: "Create an organisation and its first admin (lab operator's admins); the password is shown once",
  ...auth,
  request: jsonBody(CreateOrgBody),
  responses: { 201: json(CreatedOrg, 'Created'), ...errorResponses(400, 401, 403, 409) },
});

const addMemberRoute = createRoute({
  method: 'post',
  path: '/orgs/{id}/members',
  tags: ['orgs'],
  summary: 'Add a member (admins); a one-time password, shown once, to change at first sign-in',
  ...auth,
  request: { params: IdParam, ...jsonBody(AddMemberBody) },
  responses: { 201: json(MemberWithPassword, 'Added'), ...errorResponses(400, 401, 403, 404, 409) },
});

const updateMemberRoute = createRoute({
  method: 'patch',
  path: '/orgs/{id}/members/{userId}',
  tags: ['orgs'],
  summary: "Change a member's role, or disable (active: false) and re-enable them (admins)",
  ...auth,
  request: { params: UserIdParam, ...jsonBody(UpdateMemberBody) },
  responses: { 200: json(MemberDetail, 'The member'), ...errorResponses(400, 401, 403, 404, 409) },
});

const resetPasswordRoute = createRoute({
  method: 'post',
  path: '/orgs/{id}/members/{userId}/password',
  tags: ['orgs'],
  summary: 'Give a member a new one-time password (admins); their sessions end',
  ...auth,
  request: { params: UserIdParam },
  responses: { 200: json(MemberWithPassword, 'Reset'), ...errorResponses(400, 401, 403, 404) },
});

export const peopleRoutes = labRouter()
  .openapi(listOrgsRoute, async (c) => c.json(await listOrgs(c.var.deps.db, c.var.actor), 200))
  .openapi(createOrgRoute, async (c) =>
    c.json(await createOrg(c.var.deps, c.var.actor, c.req.valid('json')), 201),
  )
  .openapi(addMemberRoute, async (c) =>
    c.json(await addMember(c.var.deps, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(updateMemberRoute, async (c) => {
    const p = c.req.valid('param');
    return c.json(await updateMember(c.var.deps, c.var.actor, p.id, p.userId, c.req.valid('json')), 200);
  })
  .openapi(resetPasswordRoute, async (c) => {
    const p = c.req.valid('param');
    return c.json(await resetMemberPassword(c.var.deps, c.var.actor, p.id, p.userId), 200);
  });
