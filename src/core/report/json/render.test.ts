import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPO_ROOT } from '../../../../test/helpers.js';
import { REPORT_SCHEMA_ID, REPORT_SCHEMA_VERSION, renderJson } from './render.js';
import { syntheticReport } from '../testing/synthetic.js';
import { buildReport } from '../build.js';
import { CONFIDENCES, SEVERITIES } from '../../findings.js';
import { BASELINE_STATUSES } from '../types.js';

const schema = JSON.parse(readFileSync(`${REPO_ROOT}/schemas/dfslab-report-v1.schema.json`, 'utf8')) as {
  $id: string;
};
type Defs = Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;
const defs = (schema as unknown as { $defs: Defs }).$defs;
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

function errorsOf(doc: unknown): string {
  return validate(doc) ? '' : ajv.errorsText(validate.errors);
}

test('schema $id is versioned and matches the constant written in reports', () => {
  assert.equal(schema.$id, REPORT_SCHEMA_ID);
  assert.match(schema.$id, /v1$/);
  assert.match(REPORT_SCHEMA_VERSION, /^1\.\d+\.\d+$/);
});

test('a rendered synthetic report (every evidence kind, suppression, errors, baseline) is valid', () => {
  const text = renderJson(syntheticReport());
  assert.ok(text.endsWith('\n'));
  const doc = JSON.parse(text) as Record<string, unknown>;
  assert.equal(errorsOf(doc), '');
  assert.equal(doc.$schema, REPORT_SCHEMA_ID);
  const kinds = new Set(
    (doc.findings as { evidence: { kind: string }[] }[]).flatMap((f) => f.evidence.map((e) => e.kind)),
  );
  assert.deepEqual([...kinds].sort(), ['dex', 'file', 'http', 'manifest', 'packet', 'text']);
});

test('a minimal report with no findings is valid', () => {
  const r = buildReport({
    tool: { name: 'dfslab', version: '0.1.0' },
    target: { kind: 'ussd', name: 'Synthetic USSD service' },
    findings: [],
    rules: [],
    startedAt: new Date(0),
    finishedAt: new Date(1000),
  });
  assert.equal(errorsOf(JSON.parse(renderJson(r))), '');
});

test('the JSON round-trips the report exactly (apart from $schema/schemaVersion)', () => {
  const r = syntheticReport();
  const { $schema, schemaVersion, ...rest } = JSON.parse(renderJson(r)) as Record<string, unknown>;
  assert.equal($schema, REPORT_SCHEMA_ID);
  assert.equal(schemaVersion, REPORT_SCHEMA_VERSION);
  assert.deepEqual(rest, JSON.parse(JSON.stringify(r)));
});

type Doc = Record<string, unknown> & {
  findings: Record<string, unknown>[];
  target: Record<string, unknown>;
  summary: Record<string, unknown>;
};

const mutations: [string, (d: Doc) => void][] = [
  ['unknown severity', (d) => (d.findings[0].severity = 'severe')],
  ['missing fingerprint', (d) => delete d.findings[0].fingerprint],
  ['bad fingerprint', (d) => (d.findings[0].fingerprint = 'abc')],
  ['bad MASVS id', (d) => ((d.findings[0].references as { masvs: string[] }).masvs = ['MASVS-NET-1'])],
  ['cwe as string', (d) => ((d.findings[0].references as { cwe: unknown[] }).cwe = ['CWE-319'])],
  ['unknown evidence kind', (d) => (d.findings[0].evidence = [{ kind: 'smoke', text: 'x' }])],
  [
    'dex evidence without method',
    (d) => (d.findings[0].evidence = [{ kind: 'dex', file: 'classes.dex', class: 'LA;', bytecodeOffset: 0 }]),
  ],
  ['packet hex not hex', (d) => (d.findings[0].evidence = [{ kind: 'packet', hex: 'zz' }])],
  ['unknown target kind', (d) => (d.target.kind = 'ios-ipa')],
  ['sha256 upper/short', (d) => (d.target.sha256 = 'ABC')],
  ['extra top-level property', (d) => (d.surprise = true)],
  ['wrong $schema', (d) => (d.$schema = 'urn:other')],
  ['schemaVersion 2', (d) => (d.schemaVersion = '2.0.0')],
  ['negative count', (d) => ((d.summary.bySeverity as Record<string, number>).high = -1)],
  ['timestamp not ISO', (d) => (d.startedAt = 'yesterday')],
  ['bad baseline status', (d) => ((d.baseline as { rows: { status: string }[] }).rows[0].status = 'ok')],
  ['missing rules', (d) => delete d.rules],
];

for (const [name, mutate] of mutations) {
  test(`an invalid report is rejected: ${name}`, () => {
    const doc = JSON.parse(renderJson(syntheticReport())) as Doc;
    assert.equal(errorsOf(doc), '');
    mutate(doc);
    assert.notEqual(errorsOf(doc), '', `${name} should be rejected`);
  });
}

test('schema enums match the TypeScript model (no drift)', () => {
  assert.deepEqual(defs.severity.enum, [...SEVERITIES]);
  assert.deepEqual(defs.confidence.enum, [...CONFIDENCES]);
  assert.deepEqual(defs.target.properties?.kind.enum, ['android-apk', 'ussd', 'stk']);
  const rowStatus = (
    defs.baselineVerdict.properties as unknown as {
      rows: { items: { properties: { status: { enum: string[] } } } };
    }
  ).rows.items.properties.status.enum;
  assert.deepEqual(rowStatus, [...BASELINE_STATUSES]);
  assert.deepEqual(defs.evidence.properties?.kind.enum, [
    'manifest',
    'dex',
    'file',
    'http',
    'packet',
    'text',
  ]);
});
