/** /api/session, /api/me, /api/me/password and /api/sessions/revoke-others: transport only. */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { clientIp } from '../client-ip.js';
import type { LabEnv } from '../env.js';
import { labRouter } from '../router.js';
import { errorResponses, SESSION_COOKIE } from '../schemas.js';
import { changePassword, revokeOtherSessions } from './change-password.js';
import { requireActor } from './middleware.js';
import { deletePasswordChangeSession, requireActorOrPasswordChange } from './password-change-sessions.js';
import { ChangePasswordBody, Me, RevokedSessions, Session, SignInBody } from './schemas.js';
import { deleteSession } from './sessions.js';
import { loadMe, signIn, type SignInResult } from './sign-in.js';

const signInRoute = createRoute({
  method: 'post',
  path: '/session',
  tags: ['session'],
  summary: 'Sign in; sets the HttpOnly session cookie',
  description:
    'With a one-time password (`user.mustChangePassword`), the session only reaches GET /api/me, ' +
    'DELETE /api/session and POST /api/me/password; everything else is 403 PASSWORD_CHANGE_REQUIRED.',
  request: { body: { required: true, content: { 'application/json': { schema: SignInBody } } } },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: Session } } },
    ...errorResponses(400, 401, 403, 429),
  },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: '/session',
  tags: ['session'],
  summary: 'Sign out',
  middleware: requireActorOrPasswordChange,
  security: [{ session: [] }],
  responses: { 204: { description: 'Signed out' }, ...errorResponses(401, 403) },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['session'],
  summary: 'The signed-in user, their organisation and CSRF token',
  middleware: requireActorOrPasswordChange,
  security: [{ session: [] }],
  responses: {
    200: { description: 'The signed-in user', content: { 'application/json': { schema: Me } } },
    ...errorResponses(401),
  },
});

const changePasswordRoute = createRoute({
  method: 'post',
  path: '/me/password',
  tags: ['session'],
  summary: 'Change your password (the current one is required); ends all your sessions and starts a new one',
  middleware: requireActorOrPasswordChange,
  security: [{ session: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: ChangePasswordBody } } } },
  responses: {
    200: { description: 'Changed; a fresh session', content: { 'application/json': { schema: Session } } },
    ...errorResponses(400, 401, 403, 429),
  },
});

const revokeOthersRoute = createRoute({
  method: 'post',
  path: '/sessions/revoke-others',
  tags: ['session'],
  summary: 'Sign out everywhere else: end every session of yours but this one',
  middleware: requireActor,
  security: [{ session: [] }],
  responses: {
    200: { description: 'Ended', content: { 'application/json': { schema: RevokedSessions } } },
    ...errorResponses(401, 403),
  },
});

function setSessionCookie(c: Context<LabEnv>, r: SignInResult): void {
  setCookie(c, SESSION_COOKIE, r.token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: c.var.deps.secureCookies,
    path: '/',
    expires: r.expiresAt,
  });
}

const sessionBody = (r: SignInResult) => ({
  user: r.user,
  org: r.org,
  csrfToken: r.csrfToken,
  expiresAt: r.expiresAt.toISOString(),
});

export const sessionRoutes = labRouter()
  .openapi(signInRoute, async (c) => {
    const body = c.req.valid('json');
    const r = await signIn(c.var.deps, clientIp(c), body.email, body.password);
    setSessionCookie(c, r);
    return c.json(sessionBody(r), 200);
  })
  .openapi(signOutRoute, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      await deleteSession(c.var.deps.db, token);
      await deletePasswordChangeSession(c.var.deps.db, token);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.var.deps.secureCookies });
    return c.body(null, 204);
  })
  .openapi(meRoute, async (c) => c.json(await loadMe(c.var.deps, c.var.actor), 200))
  .openapi(changePasswordRoute, async (c) => {
    const r = await changePassword(c.var.deps, c.var.actor, c.req.valid('json'));
    setSessionCookie(c, r);
    return c.json(sessionBody(r), 200);
  })
  .openapi(revokeOthersRoute, async (c) => {
    const revoked = await revokeOtherSessions(c.var.deps, c.var.actor, getCookie(c, SESSION_COOKIE) ?? '');
    return c.json({ revoked }, 200);
  });
