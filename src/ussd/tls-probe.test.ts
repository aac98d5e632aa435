import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyTlsError } from './tls-probe.js';

test('classifyTlsError: local refusals and network trouble are "could not probe", never "refused"', () => {
  assert.equal(
    classifyTlsError('ERR_SSL_NO_PROTOCOLS_AVAILABLE', 'no protocols available').status,
    'could not probe',
  );
  assert.equal(
    classifyTlsError(undefined, 'error:0A0000BF:SSL routines::no protocols available').status,
    'could not probe',
  );
  assert.equal(classifyTlsError('ECONNREFUSED', 'connect ECONNREFUSED').status, 'could not probe');
  const alert = classifyTlsError(
    'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    'error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:../rec_layer_s3.c:1601:SSL alert number 70',
  );
  assert.deepEqual(alert, { status: 'refused', detail: 'server alert: protocol version' });
  assert.equal(classifyTlsError('ECONNRESET', 'socket hang up').status, 'refused');
});
