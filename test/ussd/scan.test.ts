/**
 * The USSD suite against the two fixture apps over real HTTP(S) on loopback, in every dialect:
 * it finds every planted weakness in the vulnerable app and nothing in the hardened one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderReport } from '../../src/core/report/index.js';
import { DIALECT_NAMES, getDialect, scanUssd } from '../../src/ussd/index.js';
import { startUssdFixture } from '../fixtures/ussd/app.js';
import {
  fixtureScan,
  GATEWAY_TOKEN,
  loopbackCert,
  TEST_SESSION_TTL_MS,
  TEST_SLOW_MS,
} from '../ussd-helpers.js';

/** Each planted weakness and the finding (check id and message id) that must report it. */
const PLANTED: readonly string[] = [
  'USSD-001:served',
  'USSD-002:continued',
  'USSD-005:skipsPin',
  'USSD-006:reachesConfirm',
  'USSD-007:echoed',
  'USSD-009:resetsOnNewSession',
  'USSD-010:accepted',
  'USSD-011:stackTrace',
  'USSD-011:overlong',
  'USSD-014:resumed',
  'USSD-015:timeout',
  'USSD-020:plainHttp',
  'USSD-021:shown',
];

let tls: { key: string; cert: string };
before(async () => {
  tls = await loopbackCert();
});

for (const dialect of DIALECT_NAMES) {
  describe(`dialect ${dialect}`, () => {
    it('finds every planted weakness in the vulnerable app', async () => {
      const fx = await startUssdFixture({
        hardened: false,
        dialect: getDialect(dialect),
        slowMs: TEST_SLOW_MS,
      });
      try {
        const { report, requests } = await scanUssd(fixtureScan(fx.url, dialect));
        const found = new Set(report.findings.map((f) => `${f.checkId}:${f.messageId}`));
        for (const p of PLANTED) assert.ok(found.has(p), `${p} not found; got ${[...found].join(' ')}`);
        assert.deepEqual(report.errors, []);
        assert.equal(requests, fx.requests, 'every request the harness counted reached the app');
        for (const f of report.findings) {
          assert.ok(f.evidence.length > 0, `${f.checkId} has evidence`);
          for (const e of f.evidence)
            if (e.kind === 'http')
              assert.ok(e.request.url.startsWith(fx.url), 'evidence is the target transcript');
        }
        const auth = report.findings.find((f) => f.checkId === 'USSD-001');
        const hdrs = auth?.evidence[0]?.kind === 'http' ? auth.evidence[0].request.headers : undefined;
        assert.equal(hdrs?.authorization, undefined, 'USSD-001 sent no credential');
        assert.equal(fx.bank.transfers.length, 0, 'no money moved without --test-system');
      } finally {
        await fx.close();
      }
    });

    it('stays silent on the hardened app (https, gateway token)', async () => {
      const fx = await startUssdFixture({
        hardened: true,
        dialect: getDialect(dialect),
        gatewayToken: GATEWAY_TOKEN,
        sessionTtlMs: TEST_SESSION_TTL_MS,
        tls,
      });
      try {
        const opts = fixtureScan(fx.url, dialect);
        opts.target.ca = tls.cert;
        const { report, map } = await scanUssd(opts);
        assert.deepEqual(
          report.findings.map((f) => `${f.checkId}:${f.messageId} ${f.message}`),
          [],
        );
        assert.deepEqual(report.errors, []);
        assert.ok(map.nodes.length >= 12, `crawled ${map.nodes.length} screens`);
        const skipped = report.timings?.filter((t) => t.status === 'skipped') ?? [];
        assert.deepEqual(skipped, [], 'every check ran');
        assert.equal(fx.bank.transfers.length, 0);
      } finally {
        await fx.close();
      }
    });
  });
}

describe('test system', () => {
  let fx: Awaited<ReturnType<typeof startUssdFixture>>;
  before(async () => {
    fx = await startUssdFixture({ hardened: false, dialect: getDialect('africastalking') });
  });
  after(() => fx.close());
  it('--test-system lets the chaining probe confirm, and reports it as critical', async () => {
    const { report } = await scanUssd(
      fixtureScan(fx.url, 'africastalking', { testSystem: true, only: ['USSD-006'] }),
    );
    const f = report.findings.find((x) => x.checkId === 'USSD-006');
    assert.equal(f?.messageId, 'completes');
    assert.equal(f?.severity, 'critical');
    assert.equal(fx.bank.transfers.length, 1, 'exactly one test transfer');
  });
});

describe('the report', () => {
  it('renders as json, sarif and html with the menu map and the FIGI checklist', async () => {
    const fx = await startUssdFixture({
      hardened: false,
      dialect: getDialect('hubtel'),
      slowMs: TEST_SLOW_MS,
    });
    try {
      const { report } = await scanUssd(fixtureScan(fx.url, 'hubtel'));
      assert.equal(report.target.kind, 'ussd');
      assert.match(String(report.facts?.menuMap), /Send money/);
      assert.match(String(report.facts?.menuMapSvg), /^<svg /);
      const rows = report.baseline?.rows ?? [];
      assert.equal(rows.length, 8);
      assert.equal(rows.find((r) => r.id === 'FIGI-USSD-3.1')?.status, 'fail');
      for (const id of ['FIGI-USSD-3.7', 'FIGI-USSD-3.8'])
        assert.equal(rows.find((r) => r.id === id)?.status, 'needs-dynamic-test');
      assert.ok(!rows.some((r) => r.status === 'pass'), 'no silent passes');
      const json = JSON.parse(renderReport(report, 'json')) as { findings: unknown[] };
      assert.equal(json.findings.length, report.findings.length);
      const sarif = JSON.parse(renderReport(report, 'sarif')) as { runs: { results: unknown[] }[] };
      assert.equal(sarif.runs[0].results.length, report.findings.length);
      assert.match(renderReport(report, 'html'), /USSD-021/);
    } finally {
      await fx.close();
    }
  });
});
