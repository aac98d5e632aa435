/** A stored USSD scan input: its public view, its scrubbed form, and the analyzer's options. */
import type { ToolInfo } from '../../core/report/index.js';
import { DEFAULT_SESSION_LIMITS, getDialect, type UssdScanOptions } from '../../ussd/index.js';
import type { UssdScanInput } from './schemas.js';

type Primitive = string | number | boolean | null;

function isInput(v: unknown): v is UssdScanInput {
  return !!v && typeof v === 'object' && typeof (v as { url?: unknown }).url === 'string';
}

/** What members of the organisation see: never a PIN or a header value. */
export function publicUssdTarget(input: unknown): Record<string, Primitive> | null {
  if (!isInput(input)) return null;
  return {
    url: input.url,
    dialect: input.dialect,
    serviceCode: input.serviceCode,
    msisdn: input.msisdn,
    network: input.network,
    testSystem: input.testSystem,
    accounts: input.accounts.length,
    headers: Object.keys(input.headers).join(', '),
    maxRequests: input.budget.maxRequests,
    minDelayMs: input.budget.minDelayMs,
    maxSeconds: input.budget.maxSeconds,
    hopTimeoutMs: input.hopTimeoutMs,
  };
}

/** The input without its secrets (kept once the scan has run, for the record). */
export function scrubUssdInput(input: unknown): UssdScanInput | null {
  if (!isInput(input)) return null;
  return {
    ...input,
    accounts: input.accounts.map((a) => ({ msisdn: a.msisdn })),
    headers: Object.fromEntries(Object.keys(input.headers).map((k) => [k, '[redacted]'])),
  };
}

export function isUssdInput(v: unknown): v is UssdScanInput {
  return isInput(v);
}

export function ussdScanOptions(
  input: UssdScanInput,
  tool: ToolInfo,
  onProgress: (message: string) => void,
): UssdScanOptions {
  return {
    target: {
      url: input.url,
      dialect: getDialect(input.dialect),
      serviceCode: input.serviceCode,
      msisdn: input.msisdn,
      network: input.network,
      headers: { ...input.headers },
      limits: { ...DEFAULT_SESSION_LIMITS, hopTimeoutMs: input.hopTimeoutMs },
    },
    budget: {
      maxRequests: input.budget.maxRequests,
      minDelayMs: input.budget.minDelayMs,
      maxMs: input.budget.maxSeconds * 1000,
    },
    accounts: input.accounts.map((a) => (a.pin ? { msisdn: a.msisdn, pin: a.pin } : { msisdn: a.msisdn })),
    testSystem: input.testSystem,
    ...(input.only ? { only: input.only } : {}),
    tool,
    onProgress,
  };
}
