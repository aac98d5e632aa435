/** Variants of the fixtures and a hostile app: the other lockout outcomes, a custom generic dialect, garbage replies. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DIALECT_NAMES,
  genericDialect,
  getDialect,
  scanUssd,
  type GenericConfig,
} from '../../src/ussd/index.js';
import { wireFields } from '../../src/ussd/checks/fields.js';
import type { Hop } from '../../src/ussd/types.js';
import { startUssdFixture } from '../fixtures/ussd/app.js';
import { fixtureScan, TEST_SESSION_TTL_MS } from '../ussd-helpers.js';

const PROBE_HOP: Hop = {
  sessionId: 'x',
  msisdn: '+254700000001',
  serviceCode: '*384*123#',
  network: '63902',
  history: [],
  isNew: true,
  sequence: 1,
};

describe('PIN lockout outcomes', () => {
  it('no lockout at all: noLockout', async () => {
    const fx = await startUssdFixture({ hardened: false, dialect: getDialect('nalo'), maxPinTries: 100 });
    try {
      const { report } = await scanUssd(fixtureScan(fx.url, 'nalo', { only: ['USSD-009'] }));
      assert.deepEqual(
        report.findings.map((f) => f.messageId),
        ['noLockout'],
      );
    } finally {
      await fx.close();
    }
  });
  for (const dialect of DIALECT_NAMES)
    it(`${dialect}: a lasting lockout kept per network code: resetsOnNetworkChange`, async () => {
      const fx = await startUssdFixture({
        hardened: false,
        dialect: getDialect(dialect),
        lockoutScope: 'network',
      });
      try {
        const { report } = await scanUssd(fixtureScan(fx.url, dialect, { only: ['USSD-009'] }));
        assert.deepEqual(
          report.findings.map((f) => f.messageId),
          ['resetsOnNetworkChange'],
        );
        const ev = report.findings[0]?.evidence ?? [];
        const last = ev.at(-1);
        assert.ok(last?.kind === 'http', 'the transcript ends with the hop on the other network');
        assert.match(`${last.request.url} ${last.request.body ?? ''}`, /63903/);
        assert.match(report.findings[0]?.message ?? '', /network 63902.*network 63903/);
      } finally {
        await fx.close();
      }
    });
  const codeDialects = DIALECT_NAMES.filter((d) =>
    wireFields(getDialect(d), PROBE_HOP).includes('serviceCode'),
  );
  for (const dialect of codeDialects)
    it(`${dialect}: a lasting lockout kept per service code: resetsOnServiceCodeChange`, async () => {
      const fx = await startUssdFixture({
        hardened: false,
        dialect: getDialect(dialect),
        lockoutScope: 'serviceCode',
      });
      try {
        const { report } = await scanUssd(fixtureScan(fx.url, dialect, { only: ['USSD-009'] }));
        assert.deepEqual(
          report.findings.map((f) => f.messageId),
          ['resetsOnServiceCodeChange'],
        );
        const last = report.findings[0]?.evidence.at(-1);
        assert.ok(last?.kind === 'http');
        assert.ok(
          decodeURIComponent(`${last.request.url} ${last.request.body ?? ''}`).includes('*384*124#'),
          'the accepting session dialled the other code',
        );
      } finally {
        await fx.close();
      }
    });
  for (const dialect of DIALECT_NAMES)
    it(`${dialect}: a lockout kept per number as written: resetsOnNumberFormatChange`, async () => {
      const fx = await startUssdFixture({
        hardened: false,
        dialect: getDialect(dialect),
        lockoutScope: 'msisdn',
      });
      try {
        const { report } = await scanUssd(fixtureScan(fx.url, dialect, { only: ['USSD-009'] }));
        assert.deepEqual(
          report.findings.map((f) => f.messageId),
          ['resetsOnNumberFormatChange'],
        );
        assert.match(report.findings[0]?.message ?? '', /giving the number as '(00)?254700000001'/);
      } finally {
        await fx.close();
      }
    });
  it('the service-code probe uses --alt-code when given', async () => {
    const fx = await startUssdFixture({
      hardened: false,
      dialect: getDialect('africastalking'),
      lockoutScope: 'serviceCode',
    });
    try {
      const { report } = await scanUssd(
        fixtureScan(fx.url, 'africastalking', { only: ['USSD-009'], probe: { altServiceCode: '*999#' } }),
      );
      assert.match(report.findings[0]?.message ?? '', /accepted in a new session dialling \*999#/);
    } finally {
      await fx.close();
    }
  });
  const noPin: readonly [string, 'session' | 'network' | 'serviceCode', string][] = [
    ['nalo', 'session', 'lockIgnoredByNewSession'],
    ['hubtel', 'network', 'lockBypassedOnNetworkChange'],
    ['africastalking', 'serviceCode', 'lockBypassedOnServiceCodeChange'],
  ];
  for (const [dialect, lockoutScope, messageId] of noPin)
    it(`without the PIN, a lock scoped per ${lockoutScope} shows as ${messageId} (confidence medium)`, async () => {
      const fx = await startUssdFixture({ hardened: false, dialect: getDialect(dialect), lockoutScope });
      try {
        const { report } = await scanUssd(fixtureScan(fx.url, dialect, { only: ['USSD-009'], accounts: [] }));
        assert.deepEqual(
          report.findings.map((f) => `${f.messageId}/${f.confidence}`),
          [`${messageId}/medium`],
        );
      } finally {
        await fx.close();
      }
    });
  it('without the PIN the check can only say no lock message was seen (confidence medium)', async () => {
    const fx = await startUssdFixture({ hardened: false, dialect: getDialect('nalo'), maxPinTries: 100 });
    try {
      const { report } = await scanUssd(fixtureScan(fx.url, 'nalo', { only: ['USSD-009'], accounts: [] }));
      assert.deepEqual(
        report.findings.map((f) => `${f.messageId}/${f.confidence}`),
        ['noLockSeen/medium'],
      );
    } finally {
      await fx.close();
    }
  });
  it('the hardened lockout is not reported, with or without the PIN', async () => {
    for (const accounts of [undefined, []]) {
      const fx = await startUssdFixture({ hardened: true, dialect: getDialect('nalo') });
      try {
        const { report } = await scanUssd(
          fixtureScan(fx.url, 'nalo', { only: ['USSD-009'], ...(accounts ? { accounts } : {}) }),
        );
        assert.deepEqual(report.findings, []);
      } finally {
        await fx.close();
      }
    }
  });
});

describe('a custom generic dialect', () => {
  const cfg: GenericConfig = {
    transport: 'json',
    fields: { sessionId: 'SESSION', msisdn: 'FROM', serviceCode: 'CODE', network: 'MNO', input: 'INPUT' },
    history: 'full',
    con: 'C~',
    end: 'E~',
  };
  it('drives both fixtures the same way', async () => {
    for (const hardened of [false, true]) {
      const dialect = genericDialect(cfg);
      const fx = await startUssdFixture({
        hardened,
        dialect,
        gatewayToken: 'fixture-gateway-token',
        sessionTtlMs: TEST_SESSION_TTL_MS,
      });
      try {
        const opts = fixtureScan(fx.url, 'generic', { skip: ['USSD-020'] });
        opts.target.dialect = dialect;
        const { report, map } = await scanUssd(opts);
        assert.ok(map.nodes.length >= 12);
        const ids = new Set(report.findings.map((f) => f.checkId));
        if (hardened) assert.deepEqual([...ids], []);
        else for (const id of ['USSD-001', 'USSD-005', 'USSD-021']) assert.ok(ids.has(id), id);
      } finally {
        await fx.close();
      }
    }
  });
});

describe('a hostile app', () => {
  it('garbage replies (fixed seed) end in findings or nothing, never an exception', async () => {
    const texts = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.constantFrom(
          'Menu\n1. a\n2. b\n3. c',
          'Enter PIN',
          'Enter amount',
          'Enter phone number',
          'Send?\n1. Confirm\n2. Cancel',
          '',
        ),
        fc.string({ maxLength: 40 }).map((x) => `${x}\n1. ${x}\n2. y`),
      ),
      { seed: 42, numRuns: 400 },
    );
    for (const name of ['africastalking', 'hubtel', 'nalo']) {
      const dialect = getDialect(name);
      let i = 0;
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const n = i++;
          const text = texts[n % texts.length];
          if (n > 0 && n % 13 === 0) {
            res.writeHead(n % 2 ? 500 : 200, { 'content-type': 'text/plain' });
            return res.end(text);
          }
          let hop;
          try {
            hop = dialect.parseRequest(
              {
                method: req.method ?? 'POST',
                query: '',
                contentType: String(req.headers['content-type']),
                body,
              },
              '*384*123#',
            );
          } catch {
            res.writeHead(400);
            return res.end();
          }
          const out = dialect.encodeReply(
            { kind: n === 0 || n % 5 ? 'con' : 'end', text: n === 0 ? 'Menu\n1. a\n2. b\n3. c' : text },
            hop,
          );
          res.writeHead(out.status, { 'content-type': out.contentType });
          res.end(out.body);
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
      try {
        const { report, requests } = await scanUssd(
          fixtureScan(url, name, { budget: { maxRequests: 200, minDelayMs: 0, maxMs: 30_000 } }),
        );
        assert.ok(requests > 5, `${name}: ${requests} requests`);
        const bad = report.errors.filter((e) => e.errorName !== 'LimitError');
        assert.deepEqual(bad, [], name);
      } finally {
        server.close();
      }
    }
  });
});
