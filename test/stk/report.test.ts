/** The STK audit report in every format: valid against the dfslab JSON schema and the official SARIF 2.1.0 schema; HTML shows the packet evidence. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import M from 'ajv-draft-04';
import { renderReport } from '../../src/core/report/index.js';
import { auditStk, loadStkInput } from '../../src/stk/index.js';
import { REPO_ROOT, SHARED } from '../helpers.js';
import { WEAK, transcript } from './transcripts.js';

const { report } = auditStk(loadStkInput(transcript(WEAK, true), 'weak.json'), {
  fileName: 'weak.json',
  bytes: new Uint8Array([1, 2, 3]),
});

test('JSON report of an STK audit validates against schemas/dfslab-report-v1.schema.json', () => {
  const schema = JSON.parse(
    readFileSync(join(REPO_ROOT, 'schemas', 'dfslab-report-v1.schema.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);
  const doc = JSON.parse(renderReport(report, 'json')) as {
    target: { kind: string };
    findings: { evidence: { kind: string }[] }[];
  };
  assert.equal(validate(doc) ? '' : ajv.errorsText(validate.errors), '');
  assert.equal(doc.target.kind, 'stk');
  assert.ok(doc.findings.every((f) => f.evidence.every((e) => e.kind === 'packet')));
});

test('SARIF report of an STK audit validates against the official SARIF 2.1.0 schema', () => {
  const Ajv04 = M.default;
  const schema = JSON.parse(
    readFileSync(join(SHARED, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv04({ allErrors: true, strict: false });
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  const validate = ajv.compile(schema);
  const doc = JSON.parse(renderReport(report, 'sarif')) as {
    runs: { tool: { driver: { rules: { id: string }[] } } }[];
  };
  assert.equal(validate(doc) ? '' : ajv.errorsText(validate.errors), '');
  assert.deepEqual(
    doc.runs[0].tool.driver.rules.map((r) => r.id),
    ['STK-001', 'STK-002', 'STK-003', 'STK-004', 'STK-005', 'STK-006', 'STK-007', 'STK-008'],
  );
});

test('HTML report names the checks and shows the packet hex', () => {
  const html = renderReport(report, 'html');
  assert.match(html, /STK-008/);
  const f = report.findings.find((x) => x.checkId === 'STK-008');
  const e = f?.evidence[0];
  assert.ok(e && e.kind === 'packet');
  const firstBytes = (e.hex.slice(0, 16).match(/../g) ?? []).join(' ');
  assert.ok(html.includes(`0000  ${firstBytes}`), `packet hex dump starting ${firstBytes}`);
  assert.ok(html.includes(e.field ?? '-'), 'field is shown');
});
