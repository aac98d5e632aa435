/**
 * SYNTHETIC TEST DATA. Made-up checks, an invented app ('org.example.synthetic.wallet') and
 * invented evidence, used by the renderer tests. Nothing here describes a real app or a real
 * result. Hostile strings are deliberate: the HTML renderer must escape them.
 */
import type { Check } from '../../check.js';
import { defineCheck, runChecksSync } from '../../check.js';
import type { Report } from '../types.js';
import { buildReport } from '../build.js';
import { applyBaseline } from '../../findings-baseline.js';

export type SyntheticCtx = {
  /** Each string is reported by the hostile check (app-controlled text in a real analyzer). */
  hostileStrings: string[];
  debuggable: boolean;
};

export const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;"\'`';

export const syntheticChecks: Check<SyntheticCtx>[] = [
  defineCheck<SyntheticCtx>({
    id: 'TST-NET-001',
    name: 'synthetic-cleartext',
    title: 'Synthetic: app permits cleartext traffic',
    description: 'Synthetic test check: reports usesCleartextTraffic="true".',
    severity: 'high',
    confidence: 'high',
    refs: { masvs: ['MASVS-NETWORK-1'], cwe: [319], figi: ['FIGI-APP-T3.1'] },
    needs: ['manifest'],
    messages: { explicit: '<application> sets android:usesCleartextTraffic="{value}".' },
    remediation: 'Use TLS everywhere; set usesCleartextTraffic="false".',
    run(_ctx, report) {
      report({
        messageId: 'explicit',
        data: { value: 'true' },
        evidence: {
          kind: 'manifest',
          file: 'AndroidManifest.xml',
          element: '/manifest/application',
          attribute: 'usesCleartextTraffic',
          value: 'true',
          byteOffset: 1234,
        },
      });
    },
  }),
  defineCheck<SyntheticCtx>({
    id: 'TST-CRY-001',
    name: 'synthetic-weak-hash',
    title: 'Synthetic: weak hash algorithm',
    severity: 'medium',
    confidence: 'medium',
    refs: { masvs: ['MASVS-CRYPTO-1'], cwe: [327, 328], figi: ['FIGI-APP-T5.1'] },
    needs: ['dex'],
    messages: { md5: 'MessageDigest.getInstance("{alg}") in {where}.' },
    remediation: 'Use SHA-256 or better.',
    run(_ctx, report) {
      report({
        messageId: 'md5',
        data: { alg: 'MD5', where: 'Lorg/example/synthetic/Hash;->digest' },
        evidence: [
          {
            kind: 'dex',
            file: 'classes2.dex',
            class: 'Lorg/example/synthetic/Hash;',
            method: 'digest([B)[B',
            bytecodeOffset: 12,
            instruction: 'invoke-static {v0}, Ljava/security/MessageDigest;->getInstance(Ljava/lang/String;)',
          },
          { kind: 'file', file: 'classes2.dex', byteOffset: 40960, length: 3, snippet: 'MD5' },
        ],
      });
    },
  }),
  defineCheck<SyntheticCtx>({
    id: 'TST-PLT-001',
    name: 'synthetic-hostile-strings',
    title: 'Synthetic: app-controlled strings',
    severity: 'low',
    confidence: 'low',
    refs: {
      masvs: ['MASVS-PLATFORM-2'],
      cwe: [79],
      figi: [],
      other: [{ name: 'Example', url: 'https://example.invalid/x' }],
    },
    messages: { hostile: 'String from the app: {s}' },
    remediation: 'None: this is test data.',
    run(ctx, report) {
      for (const s of ctx.hostileStrings) {
        report({
          messageId: 'hostile',
          data: { s },
          evidence: [
            { kind: 'text', text: s },
            { kind: 'file', file: s },
          ],
        });
      }
    },
  }),
  defineCheck<SyntheticCtx>({
    id: 'TST-USSD-001',
    name: 'synthetic-ussd-replay',
    title: 'Synthetic: USSD gateway accepts a replayed request',
    severity: 'critical',
    confidence: 'high',
    refs: { masvs: [], cwe: [294], figi: ['FIGI-USSD-3.4'] },
    messages: { replay: 'Step {step} replayed step 1 and the gateway answered {status}.' },
    remediation: 'Bind each request to a single-use nonce and session.',
    run(_ctx, report) {
      report({
        messageId: 'replay',
        data: { step: 2, status: 200 },
        cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8 },
        evidence: [
          {
            kind: 'http',
            step: 1,
            request: {
              method: 'POST',
              url: 'https://ussd.example.invalid/session?nonce=1',
              headers: { 'content-type': 'application/json' },
              body: '{"msisdn":"+000000000","input":"*123#"}',
            },
            response: {
              status: 200,
              headers: { 'content-type': 'application/json' },
              body: '{"menu":"1. Send money"}',
            },
          },
          {
            kind: 'http',
            step: 2,
            request: {
              method: 'POST',
              url: 'https://ussd.example.invalid/session?nonce=1',
              body: '{"msisdn":"+000000000","input":"*123#"}',
            },
            response: { status: 200, body: '{"menu":"1. Send money"}' },
            note: 'identical request replayed',
          },
        ],
      });
    },
  }),
  defineCheck<SyntheticCtx>({
    id: 'TST-STK-001',
    name: 'synthetic-ota-no-security',
    title: 'Synthetic: OTA command packet without security',
    severity: 'info',
    confidence: 'medium',
    refs: { masvs: [], cwe: [306], figi: [] },
    messages: { spi: 'SPI {spi} requests no cryptographic checksum.' },
    remediation: 'Require a cryptographic checksum and counter (SPI).',
    run(_ctx, report) {
      report({
        messageId: 'spi',
        data: { spi: '0000' },
        evidence: {
          kind: 'packet',
          hex: '027000001115',
          field: 'SPI',
          note: 'first two bytes after the header',
        },
      });
    },
  }),
  defineCheck<SyntheticCtx>({
    id: 'TST-RES-001',
    name: 'synthetic-debuggable',
    title: 'Synthetic: debuggable build',
    severity: 'high',
    confidence: 'high',
    refs: { masvs: ['MASVS-RESILIENCE-4'], cwe: [489], figi: ['FIGI-APP-T1.2'] },
    messages: { on: 'android:debuggable="true".' },
    remediation: 'Build release variants.',
    run(ctx, report) {
      if (ctx.debuggable)
        report({
          messageId: 'on',
          evidence: {
            kind: 'manifest',
            file: 'AndroidManifest.xml',
            element: '/manifest/application',
            attribute: 'debuggable',
          },
        });
    },
  }),
  defineCheck<SyntheticCtx>({
    id: 'TST-ERR-001',
    name: 'synthetic-throws',
    title: 'Synthetic: a check that crashes',
    severity: 'low',
    confidence: 'low',
    refs: { masvs: ['MASVS-CODE-4'], cwe: [], figi: [] },
    messages: { never: 'never reported' },
    remediation: 'n/a',
    run() {
      throw new TypeError(`synthetic failure ${HOSTILE}`);
    },
  }),
];

export const SYNTHETIC_CTX: SyntheticCtx = {
  hostileStrings: [HOSTILE, 'javascript:alert(1)'],
  debuggable: false,
};

/** A complete synthetic report exercising every evidence kind, a suppression, an error and a baseline table. */
export function syntheticReport(ctx: SyntheticCtx = SYNTHETIC_CTX): Report {
  let t = 0;
  const run = runChecksSync(syntheticChecks, ctx, { now: () => (t += 1.5) });
  const suppressed = applyBaseline(
    run.findings,
    {
      version: 1,
      entries: [{ checkId: 'TST-STK-001', reason: `accepted for test ${HOSTILE}`, expires: '2999-12-31' }],
    },
    { now: new Date('2026-01-01T00:00:00Z') },
  );
  return buildReport({
    tool: { name: 'dfslab', version: '0.1.0' },
    runId: '00000000-0000-4000-8000-000000000001',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    target: {
      kind: 'android-apk',
      name: `Synthetic Wallet ${HOSTILE}`,
      fileName: 'synthetic wallet.apk',
      size: 123456,
      sha256: 'a'.repeat(64),
      package: 'org.example.synthetic.wallet',
      versionName: '1.0<b>',
      versionCode: 7,
      minSdk: 21,
      targetSdk: 34,
      signingSchemes: ['v2', 'v3'],
      certificates: [
        {
          subject: 'CN=Synthetic Test, O=Example',
          issuer: 'CN=Synthetic Test, O=Example',
          sha256: 'b'.repeat(64),
          notBefore: '2020-01-01T00:00:00Z',
          notAfter: '2050-01-01T00:00:00Z',
          keyAlgorithm: 'RSA',
          keySize: 2048,
          signatureAlgorithm: 'SHA256withRSA',
        },
      ],
    },
    findings: suppressed.findings,
    rules: run.rules,
    errors: run.errors,
    timings: run.timings,
    baseline: {
      name: 'Synthetic baseline',
      rows: [
        { id: 'FIGI-APP-T1.2', title: 'debuggable is false', status: 'pass', checks: ['TST-RES-001'] },
        {
          id: 'FIGI-APP-T3.1',
          title: 'All traffic over HTTPS',
          status: 'fail',
          checks: ['TST-NET-001'],
          note: HOSTILE,
        },
        { id: 'FIGI-APP-T3.3', title: 'Certificate pinning', status: 'needs-dynamic-test', checks: [] },
        { id: 'FIGI-APP-T1.3', title: 'installLocation', status: 'not-applicable', checks: [] },
      ],
    },
    facts: { permissions: ['android.permission.INTERNET', HOSTILE], components: { activities: 3 } },
  });
}
