import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getDialect } from '../dialects/index.js';
import { DIALECT_NAMES, type Hop } from '../types.js';
import { wireFields } from './fields.js';

const BASE: Hop = {
  sessionId: 's1',
  msisdn: '+254700000001',
  serviceCode: '*384*123#',
  network: '63902',
  history: [],
  isNew: true,
  sequence: 1,
};

test('wireFields: the gateway fields each dialect carries as a field of its own', () => {
  const got = Object.fromEntries(DIALECT_NAMES.map((d) => [d, wireFields(getDialect(d), BASE)]));
  assert.deepEqual(got, {
    africastalking: ['serviceCode', 'network', 'msisdn', 'sessionId'],
    hubtel: ['serviceCode', 'network', 'msisdn', 'sessionId'],
    // Arkesel and Nalo send the service code only inside the first hop's dial string.
    arkesel: ['network', 'msisdn', 'sessionId'],
    nalo: ['network', 'msisdn', 'sessionId'],
    // HollaTags: the service code in session_from (an assumption, see hollatags.ts).
    hollatags: ['serviceCode', 'network', 'msisdn', 'sessionId'],
    generic: ['serviceCode', 'network', 'msisdn', 'sessionId'],
  });
});
