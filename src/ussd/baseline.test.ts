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

test('figiUssdVerdict notes: GET dialects and the TLS probe add to the notes, never change a status', () => {
  const v = figiUssdVerdict([], 'latest', {
    inQuery: true,
    tlsVersions: {
      TLSv1: 'could not probe: the local OpenSSL would not offer it',
      'TLSv1.1': 'refused: server alert: protocol version',
      'TLSv1.2': 'accepted: negotiated TLSv1.2',
    },
  });
  assert.ok(v.rows.every((r) => r.status === 'needs-dynamic-test'));
  const tls = v.rows.find((r) => r.id === 'FIGI-USSD-3.1')?.note ?? '';
  assert.match(tls, /TLSv1 could not probe, TLSv1\.1 refused, TLSv1\.2 accepted/);
  assert.match(tls, /TLSv1 could not be probed from this machine/);
  assert.match(v.rows.at(-1)?.note ?? '', /query string \(GET\)/);
});
