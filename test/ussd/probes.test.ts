/** The newer probes against special fixture set-ups: TLS versions, account ids, app-issued state. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { getDialect, Harness, scanUssd } from '../../src/ussd/index.js';
import { startUssdFixture } from '../fixtures/ussd/app.js';
import { FIXTURE_ACCOUNTS } from '../fixtures/ussd/bank.js';
import { fixtureScan, GATEWAY_TOKEN, loopbackCert } from '../ussd-helpers.js';

let tls: { key: string; cert: string };
before(async () => {
  tls = await loopbackCert();
});

describe('USSD-020 TLS versions', () => {
  it('an https callback that still accepts TLS 1.0 and 1.1 is reported, with every version in the evidence', async () => {
    const fx = await startUssdFixture({
      hardened: true,
      dialect: getDialect('hubtel'),
      gatewayToken: GATEWAY_TOKEN,
      tls: { ...tls, minVersion: 'TLSv1' },
    });
    try {
      const opts = fixtureScan(fx.url, 'hubtel', { only: ['USSD-020'] });
      opts.target.ca = tls.cert;
      const { report } = await scanUssd(opts);
      assert.deepEqual(
        report.findings.map((f) => `${f.checkId}:${f.messageId}`),
        ['USSD-020:oldTlsAccepted'],
      );
      const f = report.findings[0];
      assert.match(f?.message ?? '', /accepts TLSv1 and TLSv1\.1/);
      const ev = f?.evidence[0];
      assert.ok(ev?.kind === 'text');
      for (const line of ['TLSv1: accepted', 'TLSv1.1: accepted', 'TLSv1.2: accepted', 'TLSv1.3: accepted'])
        assert.ok(ev.text.includes(line), line);
      assert.equal(fx.requests, report.facts?.requests, 'the handshakes sent no HTTP request');
    } finally {
      await fx.close();
    }
  });

  it('handshakes count against the request budget and go to the target only', async () => {
    const fx = await startUssdFixture({ hardened: true, dialect: getDialect('hubtel'), tls });
    try {
      const h = new Harness(fixtureScan(fx.url, 'hubtel').target, {
        maxRequests: 2,
        minDelayMs: 0,
        maxMs: 5000,
      });
      assert.equal((await h.probeTls('TLSv1.2')).status, 'accepted');
      assert.equal((await h.probeTls('TLSv1')).status, 'refused');
      await assert.rejects(h.probeTls('TLSv1.3'), /request count/);
      assert.equal(h.handshakes, 2);
      assert.equal(fx.requests, 0);
      const plain = new Harness(fixtureScan('http://127.0.0.1:9/cb', 'hubtel').target);
      await assert.rejects(plain.probeTls('TLSv1.2'), /https/);
    } finally {
      await fx.close();
    }
  });
});

describe('USSD-013 without the second account PIN', () => {
  it('is reported with medium confidence on the vulnerable app and not at all on the hardened one', async () => {
    const accounts = [
      { msisdn: FIXTURE_ACCOUNTS[0].msisdn, pin: FIXTURE_ACCOUNTS[0].pin },
      { msisdn: FIXTURE_ACCOUNTS[1].msisdn },
    ];
    for (const hardened of [false, true]) {
      const fx = await startUssdFixture({ hardened, dialect: getDialect('arkesel') });
      try {
        const { report } = await scanUssd(fixtureScan(fx.url, 'arkesel', { only: ['USSD-013'], accounts }));
        assert.deepEqual(
          report.findings.map((f) => `${f.messageId}/${f.confidence}`),
          hardened ? [] : ['otherAccountUnconfirmed/medium'],
        );
      } finally {
        await fx.close();
      }
    }
  });
  it('types the "account" id from --accounts when given', async () => {
    const fx = await startUssdFixture({ hardened: false, dialect: getDialect('nalo') });
    try {
      const accounts = [
        { msisdn: FIXTURE_ACCOUNTS[0].msisdn, pin: FIXTURE_ACCOUNTS[0].pin },
        { msisdn: FIXTURE_ACCOUNTS[1].msisdn, pin: FIXTURE_ACCOUNTS[1].pin, account: '0700000003' },
      ];
      const { report } = await scanUssd(fixtureScan(fx.url, 'nalo', { only: ['USSD-013'], accounts }));
      const f = report.findings[0];
      assert.equal(f?.messageId, 'otherAccount');
      assert.match(f?.message ?? '', /typed account 0700000003/);
      assert.match(f?.message ?? '', /2,000\.00/);
      const shown = JSON.stringify(report.findings);
      assert.ok(!/(^|[^0-9])7395([^0-9]|$)/.test(shown), "the second account's PIN is masked");
    } finally {
      await fx.close();
    }
  });
});
