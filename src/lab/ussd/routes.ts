/** USSD scans: start one (POST /api/ussd-scans) and read the lab's USSD settings. Transport only. */
import { createRoute } from '@hono/zod-openapi';
import { requireActor } from '../auth/middleware.js';
import { labRouter } from '../router.js';
import { errorResponses } from '../schemas.js';
import { formatUssdAllowEntry } from './allow-list.js';
import { createUssdScan } from './create-scan.js';
import { CreateUssdScanBody, USSD_LIMITS, UssdScanConfig, UssdScanCreated } from './schemas.js';

const auth = { middleware: requireActor, security: [{ session: [] as string[] }] };

const createRouteDef = createRoute({
  method: 'post',
  path: '/ussd-scans',
  tags: ['ussd'],
  summary:
    'Scan a USSD menu through its gateway callback (an allow-listed host only); the scan is an audit of kind ussd',
  ...auth,
  request: { body: { required: true, content: { 'application/json': { schema: CreateUssdScanBody } } } },
  responses: {
    202: { description: 'Queued', content: { 'application/json': { schema: UssdScanCreated } } },
    ...errorResponses(400, 401, 403, 409),
  },
});

const configRoute = createRoute({
  method: 'get',
  path: '/ussd-scans/config',
  tags: ['ussd'],
  summary: 'Whether USSD scans are on, the allow-listed callback hosts, and the budget ceilings',
  ...auth,
  responses: {
    200: { description: 'Settings', content: { 'application/json': { schema: UssdScanConfig } } },
    ...errorResponses(401),
  },
});

export const ussdRoutes = labRouter()
  .openapi(createRouteDef, async (c) =>
    c.json(await createUssdScan(c.var.deps, c.var.actor, c.req.valid('json')), 202),
  )
  .openapi(configRoute, (c) =>
    c.json(
      {
        enabled: c.var.deps.ussdAllow.length > 0,
        allowedHosts: c.var.deps.ussdAllow.map(formatUssdAllowEntry),
        limits: {
          maxRequests: USSD_LIMITS.maxRequests.max,
          minDelayMs: USSD_LIMITS.minDelayMs.min,
          maxSeconds: USSD_LIMITS.maxSeconds.max,
          hopTimeoutMs: USSD_LIMITS.hopTimeoutMs.max,
        },
      },
      200,
    ),
  );
