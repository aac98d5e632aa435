import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REPORT_FORMATS, renderReport } from './render.js';
import { syntheticReport } from './testing/synthetic.js';
import { InputError } from '../errors.js';

test('renderReport dispatches by format name and refuses unknown formats', () => {
  const r = syntheticReport();
  assert.deepEqual([...REPORT_FORMATS], ['json', 'sarif', 'html']);
  assert.equal((JSON.parse(renderReport(r, 'json')) as { runId: string }).runId, r.runId);
  assert.equal((JSON.parse(renderReport(r, 'sarif')) as { version: string }).version, '2.1.0');
  assert.ok(renderReport(r, 'html').startsWith('<!doctype html>'));
  assert.throws(() => renderReport(r, 'pdf'), InputError);
});
