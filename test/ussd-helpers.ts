/** Helpers for the USSD tests: a throw-away TLS certificate for 127.0.0.1, and the scan setup. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_SESSION_LIMITS, getDialect, type UssdScanOptions } from '../src/ussd/index.js';
import { FIXTURE_ACCOUNTS } from './fixtures/ussd/bank.js';

const run = promisify(execFile);

/** A self-signed EC certificate for IP 127.0.0.1 (openssl), PEM. */
export async function loopbackCert(): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'dfslab-ussd-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const GATEWAY_TOKEN = 'fixture-gateway-token';
/** Hop limit of the test scans; the vulnerable fixture's slow screen takes 1.5 times as long (margins for a loaded CI box). */
export const TEST_HOP_LIMIT_MS = 800;
export const TEST_SLOW_MS = 1200;
export const TEST_SESSION_TTL_MS = 600;
export const TEST_IDLE_WAIT_MS = 900;

/** Scan options for a fixture URL in `dialect`, with the fixture's test accounts. */
export function fixtureScan(
  url: string,
  dialect: string,
  extra: Partial<UssdScanOptions> = {},
): UssdScanOptions {
  return {
    target: {
      url,
      dialect: getDialect(dialect),
      serviceCode: '*384*123#',
      msisdn: FIXTURE_ACCOUNTS[0].msisdn,
      network: '63902',
      headers: { authorization: `Bearer ${GATEWAY_TOKEN}` },
      limits: { ...DEFAULT_SESSION_LIMITS, hopTimeoutMs: TEST_HOP_LIMIT_MS },
    },
    budget: { minDelayMs: 0, maxRequests: 300, maxMs: 60_000 },
    accounts: FIXTURE_ACCOUNTS.slice(0, 2).map((a) => ({ msisdn: a.msisdn, pin: a.pin })),
    probe: { idleWaitMs: TEST_IDLE_WAIT_MS },
    ...extra,
  };
}
