/**
 * The USSD suite against the two fixture apps over real HTTP(S) on loopback, in every dialect:
 * it finds every planted weakness in the vulnerable app and nothing in the hardened one.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { renderReport } from '../../src/core/report/index.js';
import { DIALECT_NAMES, getDialect, scanUssd, startSimSwapMock } from '../../src/ussd/index.js';
import { wireFields } from '../../src/ussd/checks/fields.js';
import type { Hop } from '../../src/ussd/types.js';
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
  'USSD-003:continued',
  'USSD-005:skipsPin',
  'USSD-006:reachesConfirm',
  'USSD-007:echoed',
  'USSD-009:resetsOnNewSession',
  'USSD-010:accepted',
  'USSD-011:stackTrace',
  'USSD-011:overlong',
  'USSD-011:malformed',
  'USSD-022:stackTrace',
  'USSD-012:accepted',
  'USSD-013:otherAccount',
  'USSD-014:resumed',
  'USSD-015:timeout',
  'USSD-020:plainHttp',
  'USSD-021:shown',
  'USSD-023:sequential',
];

/** Where USSD-022 looks: the fields each dialect carries (the check's own test pins the list). */
const PROBE_HOP: Hop = {
  sessionId: 'x',
  msisdn: '+254700000001',
  serviceCode: '*384*123#',
  network: '63902',
  history: [],
  isNew: true,
  sequence: 1,
};

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
        const planted =
          dialect === 'hubtel' ? [...PLANTED, 'USSD-019:trusted', 'USSD-023:identical'] : PLANTED;
        for (const p of planted) assert.ok(found.has(p), `${p} not found; got ${[...found].join(' ')}`);
        assert.equal(found.size, planted.length, `nothing unplanted: ${[...found].join(' ')}`);
        assert.deepEqual(report.errors, []);
        const fieldHits = report.findings.filter((f) => f.checkId === 'USSD-022').map((f) => f.message);
        for (const field of wireFields(getDialect(dialect), PROBE_HOP))
          assert.ok(
            fieldHits.some((m) => m.includes(`in the ${field} field`)),
            `USSD-022 found nothing in ${field}: ${fieldHits.join(' | ')}`,
          );
        assert.equal(requests, fx.requests, 'every request the harness counted reached the app');
        const prints = report.findings.map((f) => f.fingerprint);
        assert.equal(new Set(prints).size, prints.length, 'fingerprints are distinct');
        for (const f of report.findings) {
          assert.ok(f.evidence.length > 0, `${f.checkId} has evidence`);
          for (const e of f.evidence)
            if (e.kind === 'http')
              assert.ok(e.request.url.startsWith(fx.url), 'evidence is the target transcript');
        }
        const malformed = report.findings.find(
          (f) => f.checkId === 'USSD-011' && f.messageId === 'malformed',
        );
        for (const variant of [
          'empty body',
          'duplicated phone number field',
          'missing phone number field',
          'missing session id field',
        ])
          assert.ok(malformed?.message.includes(variant), `USSD-011 malformed: ${variant}`);
        const auth = report.findings.find((f) => f.checkId === 'USSD-001');
        const hdrs = auth?.evidence[0]?.kind === 'http' ? auth.evidence[0].request.headers : undefined;
        assert.equal(hdrs?.authorization, undefined, 'USSD-001 sent no credential');
        assert.equal(fx.bank.transfers.length, 0, 'no money moved without --test-system');
        const shown = JSON.stringify([report.findings.map((f) => [f.message, f.evidence]), report.facts]);
        assert.ok(!/(^|[^0-9])4821([^0-9]|$)/.test(shown), 'the test PIN is masked in the report');
        assert.match(shown, /<PIN>/);
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
        assert.deepEqual(
          Object.entries((report.facts?.tlsVersions ?? {}) as Record<string, unknown>).map(
            ([v, r]) => `${v} ${String(r).split(':')[0]}`,
          ),
          ['TLSv1 refused', 'TLSv1.1 refused', 'TLSv1.2 accepted', 'TLSv1.3 accepted'],
          'USSD-020 probed every TLS version of the https callback',
        );
        const skipped = report.timings?.filter((t) => t.status === 'skipped').map((t) => t.checkId) ?? [];
        assert.deepEqual(
          skipped.sort(),
          ['USSD-004', 'USSD-016', 'USSD-018'],
          'every check ran but the --test-system and SIM-swap ones',
        );
        assert.equal(fx.bank.transfers.length, 0);
      } finally {
        await fx.close();
      }
    });
  });
}

describe('test system (--test-system: money moves on test accounts)', () => {
  const MONEY = ['USSD-004', 'USSD-006', 'USSD-016'];
  for (const dialect of ['africastalking', 'hubtel'] as const) {
    it(`${dialect}: replay, chained confirmation and double spend found in the vulnerable app`, async () => {
      const fx = await startUssdFixture({ hardened: false, dialect: getDialect(dialect) });
      try {
        const { report } = await scanUssd(fixtureScan(fx.url, dialect, { testSystem: true, only: MONEY }));
        const got = report.findings.map((f) => `${f.checkId}:${f.messageId}`).sort();
        assert.deepEqual(got, ['USSD-004:repeated', 'USSD-006:completes', 'USSD-016:overdrawn']);
        assert.ok(report.findings.every((f) => f.severity === 'critical'));
        assert.ok(
          (fx.bank.get('+254700000001')?.balance ?? 0) < 0,
          'the double spend overdrew the test account',
        );
      } finally {
        await fx.close();
      }
    });
    it(`${dialect}: the hardened app refuses the replay and the second concurrent transfer`, async () => {
      const fx = await startUssdFixture({ hardened: true, dialect: getDialect(dialect) });
      try {
        const { report } = await scanUssd(fixtureScan(fx.url, dialect, { testSystem: true, only: MONEY }));
        assert.deepEqual(
          report.findings.map((f) => f.message),
          [],
        );
        assert.equal(
          fx.bank.transfers.length,
          2,
          'one transfer by the replay probe, one of the two concurrent ones',
        );
        assert.ok((fx.bank.get('+254700000001')?.balance ?? -1) >= 0);
      } finally {
        await fx.close();
      }
    });
  }
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
      assert.equal(rows.length, 9);
      const logs = rows.find((r) => r.id === 'USSD-008');
      assert.equal(logs?.status, 'needs-dynamic-test', 'USSD-008 (gateway logs) is a checklist row');
      assert.match(logs?.note ?? '', /log/i);
      assert.equal(rows.find((r) => r.id === 'FIGI-USSD-3.1')?.status, 'fail');
      assert.equal(
        rows.find((r) => r.id === 'FIGI-USSD-3.3')?.status,
        'needs-dynamic-test',
        'USSD-018 did not run',
      );
      for (const id of ['FIGI-USSD-3.7', 'FIGI-USSD-3.8'])
        assert.equal(rows.find((r) => r.id === id)?.status, 'needs-dynamic-test');
      assert.ok(!rows.some((r) => r.status === 'pass'), 'no silent passes');
      const json = JSON.parse(renderReport(report, 'json')) as { findings: unknown[] };
      assert.equal(json.findings.length, report.findings.length);
      const sarif = JSON.parse(renderReport(report, 'sarif')) as { runs: { results: unknown[] }[] };
      assert.equal(sarif.runs[0].results.length, report.findings.length);
      const html = renderReport(report, 'html');
      assert.match(html, /USSD-021/);
      assert.match(html, /USSD-008/, 'the log checklist row is in the baseline table');
    } finally {
      await fx.close();
    }
  });
});

describe('SIM-swap gate (mock CAMARA sim-swap v2)', () => {
  for (const testSystem of [false, true]) {
    it(`vulnerable app ignores a fresh swap${testSystem ? ' and moves money (--test-system)' : ''}`, async () => {
      const mock = await startSimSwapMock();
      const fx = await startUssdFixture({
        hardened: false,
        dialect: getDialect('arkesel'),
        simSwapUrl: mock.apiRoot,
      });
      try {
        const { report } = await scanUssd(
          fixtureScan(fx.url, 'arkesel', { simSwap: mock, testSystem, only: ['USSD-018'] }),
        );
        assert.deepEqual(
          report.findings.map((f) => `${f.checkId}:${f.messageId}`),
          [testSystem ? 'USSD-018:proceeds' : 'USSD-018:notConsulted'],
        );
        assert.equal(mock.calls.length, 0);
        assert.equal(report.baseline?.rows.find((r) => r.id === 'FIGI-USSD-3.3')?.status, 'fail');
      } finally {
        await fx.close();
        await mock.close();
      }
    });
    it(`hardened app asks the API and stops${testSystem ? ' (--test-system)' : ''}`, async () => {
      const mock = await startSimSwapMock();
      const fx = await startUssdFixture({
        hardened: true,
        dialect: getDialect('arkesel'),
        simSwapUrl: mock.apiRoot,
      });
      try {
        const { report } = await scanUssd(
          fixtureScan(fx.url, 'arkesel', { simSwap: mock, testSystem, only: ['USSD-018'] }),
        );
        assert.deepEqual(report.findings, []);
        assert.ok(mock.calls.some((c) => c.path.endsWith('/check') && c.phoneNumber === '+254700000001'));
        assert.equal(fx.bank.transfers.length, 0);
      } finally {
        await fx.close();
        await mock.close();
      }
    });
  }
});
