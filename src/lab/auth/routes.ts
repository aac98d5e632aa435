/** /api/session and /api/me: transport only. */
import { createRoute } from '@hono/zod-openapi';
import { labRouter } from '../router.js';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { clientIp } from '../client-ip.js';
import { errorResponses, SESSION_COOKIE } from '../schemas.js';
import { requireActor } from './middleware.js';
import { Me, Session, SignInBody } from './schemas.js';
import { deleteSession } from './sessions.js';
import { loadMe, signIn } from './sign-in.js';

const signInRoute = createRoute({
  method: 'post',
  path: '/session',
  tags: ['session'],
  summary: 'Sign in; sets the HttpOnly session cookie',
  request: { body: { required: true, content: { 'application/json': { schema: SignInBody } } } },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: Session } } },
    ...errorResponses(400, 401, 429),
  },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: '/session',
  tags: ['session'],
  summary: 'Sign out',
  middleware: requireActor,
  security: [{ session: [] }],
  responses: { 204: { description: 'Signed out' }, ...errorResponses(401, 403) },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['session'],
  summary: 'The signed-in user, their organisation and CSRF token',
  middleware: requireActor,
  security: [{ session: [] }],
  responses: {
    200: { description: 'The signed-in user', content: { 'application/json': { schema: Me } } },
    ...errorResponses(401),
  },
});

export const sessionRoutes = labRouter()
  .openapi(signInRoute, async (c) => {
    const body = c.req.valid('json');
    const deps = c.var.deps;
    const r = await signIn(deps, clientIp(c), body.email, body.password);
    setCookie(c, SESSION_COOKIE, r.token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.secureCookies,
      path: '/',
      expires: r.expiresAt,
    });
    return c.json(
      { user: r.user, org: r.org, csrfToken: r.csrfToken, expiresAt: r.expiresAt.toISOString() },
      200,
    );
  })
  .openapi(signOutRoute, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(c.var.deps.db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.var.deps.secureCookies });
    return c.body(null, 204);
  })
  .openapi(meRoute, async (c) => c.json(await loadMe(c.var.deps, c.var.actor), 200));
