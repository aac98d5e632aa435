/**
 * Android baseline tests of the FIGI report "Security audit of various DFS applications" (2021).
 * The report ran 18 tests under seven OWASP Mobile Top 10 (2016) categories. Twelve test numbers
 * were read in the report; entries whose number or wording was not read carry `confirmed: false`
 * and a dfslab id of the form 'FIGI-APP-Tn.x-<topic>' ('x': number unknown), which can never
 * collide with a real test number. Titles and pass criteria are dfslab's words; the MASVS and CWE
 * links are dfslab's crosswalk.
 */
import type { BaselineStatus } from '../core/report/types.js';
import type { AppTestMethod, FigiAppTest, StaticOutcome } from './types.js';

type Spec = {
  id: string;
  number: string | null;
  title: string;
  passes: string;
  top10: string;
  masvs: readonly string[];
  cwe: readonly number[];
  method: AppTestMethod;
  staticOutcome: StaticOutcome;
  staticNote?: string;
  note?: string;
  confirmed: boolean;
};

const test = (s: Spec): FigiAppTest => {
  const t: FigiAppTest = {
    id: s.id,
    number: s.number,
    title: s.title,
    passes: s.passes,
    owaspTop10_2016: s.top10,
    masvs: s.masvs,
    cwe: s.cwe,
    method: s.method,
    staticOutcome: s.staticOutcome,
    staticDecidable: s.staticOutcome === 'decides',
    confirmed: s.confirmed,
    source: { source: 'APP-AUDIT', locator: 'pp. 8-18' },
  };
  if (s.staticNote) t.staticNote = s.staticNote;
  if (s.note) t.note = s.note;
  return t;
};

const NOT_READ = 'dfslab id: the test number and exact wording were not read in the report.';
const JUDGEMENT =
  'Static analysis lists what is requested; whether a feature justifies it is for the reviewer.';

export const FIGI_APP_TESTS: readonly FigiAppTest[] = [
  test({
    id: 'FIGI-APP-T1.1',
    number: 'T1.1',
    title: 'App data backup disabled',
    passes: 'android:allowBackup is explicitly false; Android treats a missing attribute as true.',
    top10: 'M1',
    masvs: ['MASVS-STORAGE-2'],
    cwe: [530],
    method: 'static-manifest',
    staticOutcome: 'decides',
    confirmed: true,
  }),
  test({
    id: 'FIGI-APP-T1.2',
    number: 'T1.2',
    title: 'Release build not debuggable',
    passes: 'android:debuggable is false or absent (absent means false).',
    top10: 'M1',
    masvs: ['MASVS-RESILIENCE-4'],
    cwe: [489],
    method: 'static-manifest',
    staticOutcome: 'decides',
    confirmed: true,
  }),
  test({
    id: 'FIGI-APP-T1.3',
    number: 'T1.3',
    title: 'No install on external storage',
    passes: 'android:installLocation does not allow installing the app on external (SD) storage.',
    top10: 'M1',
    masvs: ['MASVS-STORAGE-1'],
    cwe: [668],
    method: 'static-manifest',
    staticOutcome: 'decides',
    note: 'Test number read in the report; the exact pass wording was not.',
    confirmed: false,
  }),
  test({
    id: 'FIGI-APP-T1.4',
    number: 'T1.4',
    title: 'Dangerous permissions only where needed',
    passes:
      'Every dangerous-level permission serves a visible feature (camera for QR payment is fine); abusable ones such as placing calls are absent.',
    top10: 'M1',
    masvs: ['MASVS-PRIVACY-1', 'MASVS-PLATFORM-1'],
    cwe: [250],
    method: 'static-manifest',
    staticOutcome: 'decides',
    staticNote: JUDGEMENT,
    confirmed: true,
  }),
  test({
    id: 'FIGI-APP-T2.1',
    number: 'T2.1',
    title: 'No write access to shared external storage',
    passes: 'WRITE_EXTERNAL_STORAGE is not requested, unless it only serves non-sensitive bulk data.',
    top10: 'M2',
    masvs: ['MASVS-STORAGE-1', 'MASVS-STORAGE-2'],
    cwe: [921, 922],
    method: 'static-manifest',
    staticOutcome: 'decides',
    staticNote: JUDGEMENT,
    confirmed: true,
  }),
  test({
    id: 'FIGI-APP-T2.x-logs',
    number: null,
    title: 'No sensitive data in system logs',
    passes: 'PINs, credentials, tokens and transaction details never appear in the device log.',
    top10: 'M2',
    masvs: ['MASVS-STORAGE-2'],
    cwe: [532],
    method: 'dynamic-device',
    staticOutcome: 'can-only-fail',
    staticNote: 'Code that logs sensitive values is a static fail; a pass needs the log watched during use.',
    note: NOT_READ,
    confirmed: false,
  }),
  test({
    id: 'FIGI-APP-T2.x-local',
    number: null,
    title: 'No sensitive data in clear in app files',
    passes: 'Credentials, PINs and account data are not kept unencrypted in preferences, databases or files.',
    top10: 'M2',
    masvs: ['MASVS-STORAGE-1'],
    cwe: [312, 922],
    method: 'rooted-device',
    staticOutcome: 'can-only-fail',
    staticNote: 'Code writing secrets to plain storage is a static fail; a pass needs the files inspected.',
    note: NOT_READ,
    confirmed: false,
  }),
  test({
    id: 'FIGI-APP-T3.1',
    number: 'T3.1',
    title: 'All traffic over HTTPS',
    passes: 'Every request the app makes while in use travels over TLS; none is plain HTTP.',
    top10: 'M3',
    masvs: ['MASVS-NETWORK-1'],
    cwe: [319],
    method: 'dynamic-mitm',
    staticOutcome: 'can-only-fail',
    staticNote:
      'Plain-HTTP endpoints in code or config show a fail; proving all traffic is TLS needs a proxy.',
    confirmed: true,
  }),
  test({
    id: 'FIGI-APP-T3.2',
    number: 'T3.2',
    title: 'Untrusted certificates rejected',
    passes: 'Through a proxy whose certificate the device does not trust, the app refuses to talk.',
    top10: 'M3',
    masvs: ['MASVS-NETWORK-1'],
    cwe: [295, 297],
    method: 'dynamic-mitm',
    staticOutcome: 'can-only-fail',
    staticNote:
      'A trust-all TrustManager or hostname verifier in reachable code is a static fail; only a MITM test can pass it.',
    confirmed: true,
  }),
  test({
    id: 'FIGI-APP-T3.3',
    number: 'T3.3',
    title: 'Certificate pinning',
    passes: "The app still refuses the proxy after the proxy's CA is made trusted on the device.",
    top10: 'M3',
    masvs: ['MASVS-NETWORK-2'],
    cwe: [295],
    method: 'dynamic-mitm',
    staticOutcome: 'can-only-fail',
    staticNote:
      'No pins in the network security config or code is a static fail; pins seen statically may be unused or bypassable.',
    confirmed: true,
  }),
  test({
    id: 'FIGI-APP-T3.x-cleartext',
    number: null,
    title: 'Cleartext traffic disabled in configuration',
    passes:
      'usesCleartextTraffic or the network security config forbids cleartext for every domain (explicitly or by the platform default).',
    top10: 'M3',
    masvs: ['MASVS-NETWORK-1'],
    cwe: [319],
    method: 'static-manifest',
    staticOutcome: 'decides',
    staticNote:
      'Permitting cleartext is a configuration weakness, not proof that cleartext is sent (see T3.1).',
    note: NOT_READ,
    confirmed: false,
  }),
  test({
    id: 'FIGI-APP-T4.1',
    number: 'T4.1',
    title: 'Authentication before sensitive data',
    passes: 'Balances, history and payments open only after a PIN, password or biometric check.',
    top10: 'M4',
    masvs: ['MASVS-AUTH-2'],
    cwe: [306],
    method: 'dynamic-device',
    staticOutcome: 'needs-dynamic',
    staticNote: 'Which screens are reachable without authentication shows only when the app is used.',
    confirmed: true,
  }),
  test({
    id: 'FIGI-APP-T4.x-replay',
    number: null,
    title: 'Transfer requests cannot be replayed',
    passes: 'A captured money-transfer request sent a second time is refused by the server.',
    top10: 'M4',
    masvs: ['MASVS-AUTH-1'],
    cwe: [294, 837],
    method: 'dynamic-mitm',
    staticOutcome: 'needs-dynamic',
    staticNote: 'Replay protection is enforced by the server; only a replay attempt can show it.',
    note: NOT_READ,
    confirmed: false,
  }),
  test({
    id: 'FIGI-APP-T4.x-response',
    number: null,
    title: 'Server responses authenticated',
    passes: 'A server response altered in transit (for example a changed balance) is detected, not shown.',
    top10: 'M3',
    masvs: ['MASVS-AUTH-1', 'MASVS-CRYPTO-1'],
    cwe: [345, 353, 924],
    method: 'dynamic-mitm',
    staticOutcome: 'needs-dynamic',
    staticNote: 'Whether tampered responses are caught shows only by tampering with one.',
    note: NOT_READ,
    confirmed: false,
  }),
  test({
    id: 'FIGI-APP-T5.1',
    number: 'T5.1',
    title: 'No weak cryptography',
    passes:
      'No MD5, SHA-1, RC4, DES, 3DES, Blowfish, ECB mode or non-cryptographic random generator is used for security.',
    top10: 'M5',
    masvs: ['MASVS-CRYPTO-1'],
    cwe: [327, 328, 338],
    method: 'static-binary',
    staticOutcome: 'decides',
    staticNote:
      'Bytecode shows API use; native or downloaded code can hide calls, and a weak hash may be harmless.',
    confirmed: true,
  }),
  test({
    id: 'FIGI-APP-T8.1',
    number: 'T8.1',
    title: 'Refuses to run on rooted devices',
    passes:
      'The app will not run on a rooted device; if it does, it is at least obfuscated, pins certificates and encrypts sensitive data inside TLS.',
    top10: 'M8',
    masvs: ['MASVS-RESILIENCE-1'],
    cwe: [693],
    method: 'rooted-device',
    staticOutcome: 'needs-dynamic',
    staticNote: 'Root checks seen in code may be dead or weak; missing ones may hide under obfuscation.',
    confirmed: true,
  }),
  test({
    id: 'FIGI-APP-T9.1',
    number: 'T9.1',
    title: 'Code obfuscated',
    passes: 'Class, method and field names in the shipped code are obfuscated.',
    top10: 'M9',
    masvs: ['MASVS-RESILIENCE-3'],
    cwe: [],
    method: 'static-binary',
    staticOutcome: 'decides',
    staticNote: 'Judged from identifier names in the bytecode: a heuristic.',
    confirmed: true,
  }),
];

const BY_ID = new Map<string, FigiAppTest>(FIGI_APP_TESTS.map((t) => [t.id, t]));

/** The app-audit test with this catalogue id ('FIGI-APP-T1.1'), or undefined. */
export function figiAppTest(id: string): FigiAppTest | undefined {
  return BY_ID.get(id);
}

/** The baseline row statuses a static audit can reach (core/report's BaselineStatus). */
export type StaticBaselineStatus = Exclude<BaselineStatus, 'not-applicable'>;

/**
 * The verdict a static audit may give a test, given whether any check mapped to it failed:
 * 'decides' → pass/fail; 'can-only-fail' → fail, else needs-dynamic-test; 'needs-dynamic' →
 * always needs-dynamic-test (static evidence settles neither outcome).
 */
export function staticBaselineStatus(test: FigiAppTest, failed: boolean): StaticBaselineStatus {
  if (test.staticOutcome === 'needs-dynamic') return 'needs-dynamic-test';
  if (failed) return 'fail';
  return test.staticOutcome === 'decides' ? 'pass' : 'needs-dynamic-test';
}
