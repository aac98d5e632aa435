import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateRefs } from '../catalog/index.js';
import { figiUssdVerdict, PIN_IN_LOGS_ROW } from './baseline.js';

test('figiUssdVerdict: nothing found is never a pass; USSD-008 is a checklist row with the instruction', () => {
  const latest = figiUssdVerdict([], 'latest');
  assert.ok(latest.rows.every((r) => r.status === 'needs-dynamic-test'));
  const row = latest.rows.at(-1);
  assert.equal(row?.id, 'USSD-008');
  assert.equal(row?.note, PIN_IN_LOGS_ROW.manual);
  assert.match(row?.note ?? '', /logs/);
  const full = figiUssdVerdict([], 'full').rows.at(-1);
  assert.equal(full?.note, PIN_IN_LOGS_ROW.manual + PIN_IN_LOGS_ROW.fullHistory);
});

test('USSD-008 row: its references resolve in the catalogue', () => {
  assert.deepEqual(validateRefs(PIN_IN_LOGS_ROW.refs), []);
});
