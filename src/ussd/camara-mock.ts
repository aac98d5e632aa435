/**
 * A mock CAMARA SIM Swap API (sim-swap v2: POST /check, POST /retrieve-date) the harness serves
 * on loopback, for USSD-018: the tester points the DFS backend's SIM-swap client at it, seeds
 * "this number was just swapped", and sees whether the backend blocks risky transactions.
 * Request and error shapes follow camaraproject/SimSwap (Apache-2.0), paraphrased.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SimSwapCall = { path: string; phoneNumber?: string; maxAge?: number; status: number };

export type SimSwapMock = {
  /** The API root, e.g. 'http://127.0.0.1:PORT/sim-swap/v2'. */
  apiRoot: string;
  /** Seeds a swap for `msisdn` (E.164) at `when` (default: now); `false` clears it. */
  setSwapped(msisdn: string, swapped: boolean, when?: Date): void;
  readonly calls: readonly SimSwapCall[];
  close(): Promise<void>;
};

export type SimSwapMockOptions = { host?: string; port?: number; token?: string };

const E164 = /^\+[1-9][0-9]{4,14}$/;
const MAX_BODY = 16 * 1024;
const DEFAULT_MAX_AGE_H = 240;
const HOUR_MS = 3_600_000;

function error(res: ServerResponse, status: number, code: string, message: string): number {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status, code, message }));
  return status;
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      if (body.length < MAX_BODY) body += c.toString('utf8');
    });
    req.on('end', () => {
      if (!body) return resolve({});
      try {
        const v: unknown = JSON.parse(body);
        resolve(v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', () => resolve(undefined));
  });
}

export async function startSimSwapMock(opts: SimSwapMockOptions = {}): Promise<SimSwapMock> {
  const swaps = new Map<string, Date>();
  const calls: SimSwapCall[] = [];
  const base = '/sim-swap/v2';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://mock').pathname;
    const call: SimSwapCall = { path, status: 0 };
    calls.push(call);
    const body = await readJson(req);
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) {
      call.status = error(
        res,
        401,
        'UNAUTHENTICATED',
        'Request not authenticated due to missing, invalid, or expired credentials.',
      );
      return;
    }
    if (req.method !== 'POST' || (path !== `${base}/check` && path !== `${base}/retrieve-date`)) {
      call.status = error(res, 404, 'NOT_FOUND', 'The specified resource is not found.');
      return;
    }
    if (!body) {
      call.status = error(
        res,
        400,
        'INVALID_ARGUMENT',
        'Client specified an invalid argument, request body or query param.',
      );
      return;
    }
    const phone = body.phoneNumber;
    if (typeof phone !== 'string' || !E164.test(phone)) {
      call.status = error(res, 422, 'MISSING_IDENTIFIER', 'The device cannot be identified.');
      return;
    }
    call.phoneNumber = phone;
    const swappedAt = swaps.get(phone);
    let answer: Record<string, unknown>;
    if (path.endsWith('/retrieve-date')) {
      answer = { latestSimChange: swappedAt ? swappedAt.toISOString() : null, monitoredPeriod: 120 };
    } else {
      const maxAge = body.maxAge === undefined ? DEFAULT_MAX_AGE_H : body.maxAge;
      if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 1 || maxAge > 2400) {
        call.status = error(res, 400, 'OUT_OF_RANGE', 'maxAge must be between 1 and 2400 hours.');
        return;
      }
      call.maxAge = maxAge;
      answer = { swapped: swappedAt !== undefined && Date.now() - swappedAt.getTime() <= maxAge * HOUR_MS };
    }
    call.status = 200;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://${address}:${port}${base}`,
    setSwapped(msisdn, swapped, when = new Date()) {
      if (swapped) swaps.set(msisdn, when);
      else swaps.delete(msisdn);
    },
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
