import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import M from 'ajv-draft-04';
import { SHARED } from '../../../../test/helpers.js';
import { SARIF_FINGERPRINT_KEY, SARIF_SCHEMA_URI, renderSarif } from './render.js';
import type { SarifLog } from './types.js';
import { SYNTHETIC_CTX, syntheticReport } from '../testing/synthetic.js';
import { buildReport } from '../build.js';
import { checkMeta } from '../../check.js';
import { syntheticChecks } from '../testing/synthetic.js';

const Ajv04 = M.default;
const schema = JSON.parse(readFileSync(join(SHARED, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as {
  id: string;
};
const ajv = new Ajv04({ allErrors: true, strict: false });
// The official schema uses these formats; check them for real rather than ignoring them.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
ajv.addFormat('date-time', (s: string) => ISO.test(s) && !Number.isNaN(Date.parse(s)));
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/[\s<>"{}|\\^`]/.test(s));
const validate = ajv.compile(schema);

function errorsOf(doc: unknown): string {
  return validate(doc) ? '' : ajv.errorsText(validate.errors);
}

const log = JSON.parse(renderSarif(syntheticReport())) as SarifLog;
const run = log.runs[0];

test('the schema under test is the official OASIS errata01 schema and the log names it', () => {
  assert.equal(schema.id, SARIF_SCHEMA_URI);
  assert.equal(log.$schema, SARIF_SCHEMA_URI);
  assert.equal(log.version, '2.1.0');
});

test('rendered SARIF validates against the official SARIF 2.1.0 schema', () => {
  assert.equal(errorsOf(log), '');
});

test('the validator really rejects bad SARIF', () => {
  const bad = structuredClone(log);
  (bad.runs[0].results[0] as { level: string }).level = 'fatal';
  assert.notEqual(errorsOf(bad), '');
  const bad2 = structuredClone(log) as unknown as { version: string };
  bad2.version = '2.0.0';
  assert.notEqual(errorsOf(bad2), '');
});

test('rules: every check that ran is listed, with cwe tags, MASVS tags and security-severity', () => {
  const rules = run.tool.driver.rules;
  const ids = rules.map((r) => r.id);
  // TST-RES-001 ran and reported nothing; it must still be listed. TST-ERR-001 threw; it ran too.
  assert.ok(ids.includes('TST-RES-001'));
  assert.ok(ids.includes('TST-ERR-001'));
  const net = rules.find((r) => r.id === 'TST-NET-001');
  assert.ok(net);
  assert.deepEqual(net.properties?.tags, [
    'security',
    'external/cwe/cwe-319',
    'MASVS-NETWORK-1',
    'MASVS-NETWORK',
    'FIGI-APP-T3.1',
  ]);
  assert.equal(net.properties?.['security-severity'], '8.0');
  assert.equal(net.properties?.precision, 'high');
  assert.equal(net.defaultConfiguration?.level, 'error');
  assert.equal(net.shortDescription?.text, 'Synthetic: app permits cleartext traffic');
  assert.match(net.help?.markdown ?? '', /Remediation/);
  assert.match(net.help?.text ?? '', /usesCleartextTraffic="false"/);
  const cry = rules.find((r) => r.id === 'TST-CRY-001');
  assert.deepEqual(cry?.properties?.tags?.slice(0, 3), [
    'security',
    'external/cwe/cwe-327',
    'external/cwe/cwe-328',
  ]);
  assert.equal(cry?.properties?.['security-severity'], '5.5');
  assert.equal(cry?.defaultConfiguration?.level, 'warning');
  const crit = rules.find((r) => r.id === 'TST-USSD-001');
  assert.ok(Number(crit?.properties?.['security-severity']) > 9.0);
});

test('results point at their rule, carry fingerprints and locations inside the artifact', () => {
  const rules = run.tool.driver.rules;
  for (const r of run.results) {
    assert.equal(rules[r.ruleIndex].id, r.ruleId);
    assert.match(r.partialFingerprints?.[SARIF_FINGERPRINT_KEY] ?? '', /^v1:[0-9a-f]{32}$/);
  }
  const net = run.results.find((r) => r.ruleId === 'TST-NET-001');
  const loc = net?.locations?.[0];
  assert.equal(loc?.physicalLocation?.artifactLocation.uri, 'AndroidManifest.xml');
  assert.equal(loc?.physicalLocation?.region?.byteOffset, 1234);
  assert.equal(loc?.logicalLocations?.[0].fullyQualifiedName, '/manifest/application/@usesCleartextTraffic');
  const dex = run.results.find((r) => r.ruleId === 'TST-CRY-001');
  assert.equal(
    dex?.locations?.[0].logicalLocations?.[0].fullyQualifiedName,
    'Lorg/example/synthetic/Hash;->digest([B)[B',
  );
  assert.equal(dex?.locations?.[0].logicalLocations?.[0].kind, 'function');
  assert.equal(dex?.relatedLocations?.[0].physicalLocation?.region?.byteOffset, 40960);
  // nested artifacts: the APK is index 0 with its hash, inner files have parentIndex 0
  assert.deepEqual(run.artifacts?.[0].hashes, { 'sha-256': 'a'.repeat(64) });
  assert.equal(run.artifacts?.[0].location.uri, 'synthetic%20wallet.apk');
  const idx = loc?.physicalLocation?.artifactLocation.index ?? -1;
  assert.equal(run.artifacts?.[idx].parentIndex, 0);
});

test('http evidence becomes webRequest/webResponse; cvss score drives security-severity', () => {
  const r = run.results.find((x) => x.ruleId === 'TST-USSD-001');
  assert.equal(r?.webRequest?.method, 'POST');
  assert.equal(r?.webResponse?.statusCode, 200);
  assert.equal(r?.properties?.['security-severity'], '9.8');
  assert.equal(r?.level, 'error');
  // no place in the evidence: the result points at the analysed artifact itself
  assert.equal(r?.locations?.[0].physicalLocation?.artifactLocation.index, 0);
});

test('every result has at least one location', () => {
  for (const r of run.results) assert.ok(r.locations?.length, r.ruleId);
});

test('suppressed findings are kept with an external suppression; engine errors become notifications', () => {
  const r = run.results.find((x) => x.ruleId === 'TST-STK-001');
  assert.equal(r?.suppressions?.[0].kind, 'external');
  assert.equal(r?.kind, 'informational');
  assert.equal(r?.level, 'none');
  const inv = run.invocations[0];
  assert.equal(inv.executionSuccessful, false);
  assert.equal(inv.toolExecutionNotifications?.[0].associatedRule?.id, 'TST-ERR-001');
});

test('hostile file names become valid relative URIs', () => {
  const r = run.results.find((x) => x.ruleId === 'TST-PLT-001' && x.message.text.includes('<script>'));
  const uri = r?.locations?.[0].physicalLocation?.artifactLocation.uri ?? '';
  assert.ok(!/[<>"\s]/.test(uri), uri);
});

test('a report with zero findings still lists its rules and validates', () => {
  const rules = syntheticChecks.map(checkMeta);
  const r = buildReport({
    tool: { name: 'dfslab', version: '0.1.0' },
    target: { kind: 'stk', name: 'Synthetic SIM profile' },
    findings: [],
    rules,
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:00Z',
  });
  const l = JSON.parse(renderSarif(r)) as SarifLog;
  assert.equal(errorsOf(l), '');
  assert.equal(l.runs[0].results.length, 0);
  assert.equal(l.runs[0].tool.driver.rules.length, rules.length);
  assert.equal(l.runs[0].artifacts, undefined);
});

test('findings whose check is not in report.rules get a synthesised rule', () => {
  const full = syntheticReport({ ...SYNTHETIC_CTX });
  const r = { ...full, rules: [] };
  const l = JSON.parse(renderSarif(r)) as SarifLog;
  assert.equal(errorsOf(l), '');
  const ids = new Set(l.runs[0].tool.driver.rules.map((x) => x.id));
  for (const res of l.runs[0].results) assert.ok(ids.has(res.ruleId));
});

test('a USSD target without a file: results fall back to a logical location naming the service', () => {
  const full = syntheticReport();
  const ussd = full.findings.filter((f) => f.checkId === 'TST-USSD-001');
  const r = buildReport({
    tool: { name: 'dfslab', version: '0.1.0' },
    target: { kind: 'ussd', name: 'Synthetic USSD *123#', details: { serviceCode: '*123#' } },
    findings: ussd,
    rules: full.rules,
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:01Z',
  });
  const l = JSON.parse(renderSarif(r)) as SarifLog;
  assert.equal(errorsOf(l), '');
  assert.deepEqual(l.runs[0].results[0].locations, [
    { logicalLocations: [{ name: 'Synthetic USSD *123#', kind: 'module' }] },
  ]);
  assert.equal(l.runs[0].automationDetails?.id.startsWith('dfslab/ussd/'), true);
});
