/** HTTP hardening: security headers with a strict CSP, and an Origin check on unsafe methods. */
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { LabEnv } from './env.js';
import { AppError } from './errors.js';

/** Self-hosted UI only: no inline scripts or styles, no CDN, no framing. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser sends Origin on cross-site unsafe requests; refuse any whose host differs from ours.
 * (The CSRF token in requireActor is the main defence; this also covers sign-in.)
 */
export const originCheck = createMiddleware<LabEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        host = undefined;
      }
      const ours = c.req.header('host') ?? new URL(c.req.url).host;
      if (host !== ours) throw new AppError('FORBIDDEN', 'cross-origin request refused');
    }
  }
  await next();
});

/** A lone UTF-16 surrogate: JSON can carry it, UTF-8 (and so PostgreSQL) cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const JSON_TYPE = /^application\/([\w.-]+\+)?json/i;
/** Nesting deeper than this is not a request any route takes. */
const MAX_JSON_DEPTH = 32;

/** The first problem with the text in a JSON value, or undefined. */
export function badJsonText(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return 'text may not contain NUL (\\u0000)';
    if (LONE_SURROGATE.test(value)) return 'text must be valid Unicode (a lone surrogate was sent)';
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_JSON_DEPTH) return `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
  for (const [k, v] of Object.entries(value)) {
    const bad = badJsonText(k, depth + 1) ?? badJsonText(v, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

/**
 * Refuse JSON bodies whose text the database could not store as sent (NUL, lone surrogates), so
 * such input is a clear 400 everywhere instead of a database error or a silently changed value.
 * Malformed JSON is left to the route's validator (also a 400). Mount after the body limit.
 */
export const jsonTextPolicy = createMiddleware<LabEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method) || !JSON_TYPE.test(c.req.header('content-type') ?? '')) return next();
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (e) {
    if (e instanceof AppError) throw e;
    return next();
  }
  const bad = badJsonText(body);
  if (bad) throw new AppError('BAD_REQUEST', bad);
  await next();
});

/** SQLSTATEs that only bad input reaches: text the database cannot store, or an over-long key. */
const BAD_INPUT_SQLSTATES = new Set(['22021', '22P05', '54000']);

/** True for a database error (possibly wrapped by drizzle) caused by the input's text or size. */
export function isBadInputDbError(e: unknown): boolean {
  for (let cur = e, i = 0; cur && typeof cur === 'object' && i < 4; i++) {
    if ('code' in cur && typeof cur.code === 'string' && BAD_INPUT_SQLSTATES.has(cur.code)) return true;
    cur = 'cause' in cur ? cur.cause : undefined;
  }
  return false;
}
