/**
 * createApp: the lab's HTTP API. Global middleware (request id, security headers, Origin check,
 * JSON body limit), one onError that maps AppError codes to statuses, the domain routers, and the
 * OpenAPI 3.1 document generated from the same zod schemas.
 */
import { randomUUID } from 'node:crypto';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { auditRoutes } from './audits/routes.js';
import { forgetActorsAfterChanges } from './auth/middleware.js';
import { sharedSignInLimit } from './auth/shared-sign-in-limit.js';
import { passwordChangeGuard } from './auth/password-change-sessions.js';
import { sessionRoutes } from './auth/routes.js';
import { tokenRoutes } from './auth/token-routes.js';
import { compareRoutes } from './compare/routes.js';
import type { LabDeps } from './env.js';
import { AppError } from './errors.js';
import { orgRoutes } from './orgs/routes.js';
import { peopleRoutes } from './people/routes.js';
import { labRouter } from './router.js';
import { isBadInputDbError, jsonTextPolicy, originCheck, securityHeaders } from './security.js';
import { stkRoutes } from './stk/routes.js';
import { ussdRoutes } from './ussd/routes.js';
import { mountWeb } from './web.js';

export const API_VERSION = '0.1.0';

/** Routes that stream their own body (with their own size limit) instead of the JSON limit. */
const STREAMED_BODIES = new Set(['/api/artifacts', '/api/stk-audits']);

function errorJson(code: string, message: string, requestId: string) {
  return { error: { code, message, requestId } };
}

export function createApp(deps: LabDeps) {
  const app = labRouter();

  app.use('*', async (c, next) => {
    c.set('requestId', randomUUID());
    c.set('deps', deps);
    await next();
    c.header('x-request-id', c.var.requestId);
  });
  app.use('*', securityHeaders());
  app.use('*', originCheck);
  app.use('/api/*', forgetActorsAfterChanges);
  app.use('/api/*', passwordChangeGuard);
  const jsonLimit = bodyLimit({
    maxSize: deps.maxJsonBytes,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE', `request body over ${deps.maxJsonBytes} bytes`);
    },
  });
  app.use('/api/*', async (c, next) => {
    // GET and HEAD carry no body (the node adapter gives them none): skipping them also keeps the
    // adapter's light request object, which touching `raw.body` would turn into a full Request.
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || STREAMED_BODIES.has(c.req.path)) return next();
    return jsonLimit(c, next);
  });
  app.use('/api/*', jsonTextPolicy);
  app.use('/api/session', sharedSignInLimit);

  app.onError((e, c) => {
    const requestId = c.var.requestId ?? randomUUID();
    c.header('x-request-id', requestId);
    c.header('cache-control', 'no-store');
    if (e instanceof AppError) {
      if (e.retryAfterSeconds !== undefined) c.header('retry-after', String(e.retryAfterSeconds));
      return c.json(errorJson(e.code, e.message, requestId), e.status);
    }
    if (e instanceof HTTPException && e.status < 500) {
      const code = e.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      return c.json(errorJson(code, e.message || 'bad request', requestId), e.status === 413 ? 413 : 400);
    }
    deps.logError(requestId, e);
    if (isBadInputDbError(e))
      return c.json(errorJson('BAD_REQUEST', 'text or size the database cannot store', requestId), 400);
    return c.json(
      errorJson('INTERNAL', 'internal error; quote the request id to the lab operator', requestId),
      500,
    );
  });
  app.notFound((c) => c.json(errorJson('NOT_FOUND', 'no such route', c.var.requestId ?? randomUUID()), 404));

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'dfslab_session',
    description: 'Unsafe methods also need the X-CSRF-Token header from POST /api/session or GET /api/me.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token from POST /api/tokens (dfs_…); no CSRF token needed.',
  });
  app.route('/api', sessionRoutes);
  app.route('/api', tokenRoutes);
  app.route('/api', orgRoutes);
  app.route('/api', peopleRoutes);
  app.route('/api', compareRoutes);
  app.route('/api', auditRoutes);
  app.route('/api', ussdRoutes);
  app.route('/api', stkRoutes);
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'dfslab lab API', version: API_VERSION },
  });
  mountWeb(app);
  return app;
}

export type LabApp = ReturnType<typeof createApp>;
