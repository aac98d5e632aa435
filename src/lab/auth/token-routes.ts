/** /api/tokens: create (shown once), list, revoke API tokens for CI. */
import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../store/schema.js';
import { labRouter } from '../router.js';
import { errorResponses, IdParam } from '../schemas.js';
import { requireActor } from './middleware.js';
import { createToken, listTokens, revokeToken } from './tokens.js';

const security: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];
const auth = { middleware: requireActor, security };

export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    expiresInDays: z.number().int().min(1).max(366).default(90),
  })
  .openapi('CreateToken');

export const Token = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(ROLES),
    userId: z.uuid(),
    expiresAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    /** Updated at most once a minute per token, so it is accurate to about a minute. */
    lastUsedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('Token');

const CreatedToken = Token.extend({
  token: z.string().openapi({ description: 'Shown only in this response: send as Authorization: Bearer …' }),
}).openapi('CreatedToken');

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const createTokenRoute = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['tokens'],
  summary: 'Create an API token (role at most your own); the token is shown once',
  ...auth,
  request: { body: { required: true, content: { 'application/json': { schema: CreateTokenBody } } } },
  responses: { 201: json(CreatedToken, 'Created'), ...errorResponses(400, 401, 403) },
});

const listTokensRoute = createRoute({
  method: 'get',
  path: '/tokens',
  tags: ['tokens'],
  summary: "Your tokens (an admin: the organisation's), never the secrets",
  ...auth,
  responses: { 200: json(z.object({ tokens: z.array(Token) }), 'Tokens'), ...errorResponses(401) },
});

const revokeTokenRoute = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags: ['tokens'],
  summary: 'Revoke a token (your own, or any of the organisation as an admin)',
  ...auth,
  request: { params: IdParam },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(400, 401, 403, 404) },
});

export const tokenRoutes = labRouter()
  .openapi(createTokenRoute, async (c) =>
    c.json(await createToken(c.var.deps, c.var.actor, c.req.valid('json')), 201),
  )
  .openapi(listTokensRoute, async (c) => c.json(await listTokens(c.var.deps.db, c.var.actor), 200))
  .openapi(revokeTokenRoute, async (c) => {
    await revokeToken(c.var.deps, c.var.actor, c.req.valid('param').id);
    return c.body(null, 204);
  });
