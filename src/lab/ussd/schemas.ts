/**
 * The USSD scan contract: what an analyst may ask the lab to scan, bounded server-side. Every
 * budget has a hard ceiling here, whatever the request says; the callback host is checked against
 * the operator's allow-list separately (allow-list.ts).
 */
import { z } from '@hono/zod-openapi';
import { DIALECT_NAMES } from '../../ussd/types.js';

/** Server-side ceilings of a scan's budget (the defaults are the CLI's). */
export const USSD_LIMITS = {
  maxRequests: { min: 1, max: 2000, default: 400 },
  minDelayMs: { min: 10, max: 5000, default: 50 },
  maxSeconds: { min: 5, max: 1800, default: 600 },
  hopTimeoutMs: { min: 200, max: 30_000, default: 15_000 },
  accounts: 10,
  headers: 8,
  /** Queued or running scans per organisation at once. */
  activePerOrg: 2,
} as const;

const bounded = (b: { min: number; max: number; default: number }, description: string) =>
  z.number().int().min(b.min).max(b.max).default(b.default).openapi({ description });

/** Header names a gateway credential may use (never Host, Content-Length or hop-by-hop headers). */
const HEADER_NAME = /^(authorization|x-[a-z0-9-]{1,60})$/i;
/** Printable ASCII only: no CR/LF header injection. */
const HEADER_VALUE = /^[\x20-\x7e]{1,1024}$/;

export const UssdAccount = z.object({
  msisdn: z.string().regex(/^\+?[0-9]{6,15}$/, 'a phone number: optional + and 6–15 digits'),
  pin: z
    .string()
    .regex(/^[0-9]{4,8}$/, '4–8 digits')
    .optional()
    .openapi({ description: 'The test account PIN (kept only until the scan has run)' }),
});

export const CreateUssdScanBody = z
  .object({
    url: z.string().max(2048).openapi({
      description: 'The callback URL; its host must be on the lab allow-list (dfslab serve --ussd-allow)',
    }),
    dialect: z.enum(DIALECT_NAMES),
    serviceCode: z
      .string()
      .regex(/^\*[0-9*]{1,38}#$/, "a USSD service code like '*384*123#'")
      .openapi({ example: '*384*123#' }),
    msisdn: z.string().regex(/^\+?[0-9]{6,15}$/, 'a phone number: optional + and 6–15 digits'),
    network: z
      .string()
      .regex(/^[0-9]{3,6}$/, '3–6 digits (MCC+MNC)')
      .default('63902'),
    accounts: z.array(UssdAccount).max(USSD_LIMITS.accounts).default([]),
    testSystem: z
      .boolean()
      .default(false)
      .openapi({ description: 'Test accounts only: also run probes that move (test) money' }),
    headers: z
      .record(
        z.string().regex(HEADER_NAME, 'only Authorization or X-… gateway credential headers'),
        z.string().regex(HEADER_VALUE, 'printable ASCII, at most 1024 characters'),
      )
      .refine((h) => Object.keys(h).length <= USSD_LIMITS.headers, `at most ${USSD_LIMITS.headers} headers`)
      .default({})
      .openapi({ description: 'Gateway credential headers (values are never shown back)' }),
    budget: z
      .object({
        maxRequests: bounded(USSD_LIMITS.maxRequests, 'requests at most'),
        minDelayMs: bounded(USSD_LIMITS.minDelayMs, 'milliseconds between requests at least'),
        maxSeconds: bounded(USSD_LIMITS.maxSeconds, 'seconds in all at most'),
      })
      .default({
        maxRequests: USSD_LIMITS.maxRequests.default,
        minDelayMs: USSD_LIMITS.minDelayMs.default,
        maxSeconds: USSD_LIMITS.maxSeconds.default,
      }),
    hopTimeoutMs: bounded(USSD_LIMITS.hopTimeoutMs, 'per-hop limit, as the gateway would cut off'),
    only: z
      .array(z.string().regex(/^USSD-[0-9]{3}$/))
      .max(50)
      .optional()
      .openapi({ description: 'Run only these checks' }),
  })
  .strict()
  .openapi('CreateUssdScan');

export type UssdScanInput = z.infer<typeof CreateUssdScanBody>;

export const UssdScanCreated = z.object({ id: z.uuid() }).openapi('UssdScanCreated');

export const UssdScanConfig = z
  .object({
    enabled: z.boolean(),
    allowedHosts: z.array(z.string()),
    limits: z.object({
      maxRequests: z.number().int(),
      minDelayMs: z.number().int(),
      maxSeconds: z.number().int(),
      hopTimeoutMs: z.number().int(),
    }),
  })
  .openapi('UssdScanConfig');
