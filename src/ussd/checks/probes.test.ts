import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MenuNode } from '../crawler.js';
import { africasTalking, genericDialect, hollatags, hubtel } from '../dialects/index.js';
import { DEFAULT_SESSION_LIMITS, type UssdTarget } from '../client.js';
import type { Dialect, Hop } from '../types.js';
import { otherNumberFormat } from './pin.js';
import { accountPrompts } from './authz.js';
import { otherNetworkCode, otherServiceCode } from './context.js';
import { judgeTokens, MAX_COUNTER_STEP, screenReference } from './tokens.js';
import { malformedVariants } from './wire.js';

const HOP: Hop = {
  sessionId: 'dfslab-1',
  msisdn: '+254700000001',
  serviceCode: '*384*123#',
  network: '63902',
  history: [],
  isNew: true,
  sequence: 1,
};

describe('USSD-023 token oracle', () => {
  it('identical and counting values are predictable; random ones are not', () => {
    assert.equal(judgeTokens(['abc', 'abc', 'abc']), 'identical');
    assert.equal(judgeTokens(['TX001001', 'TX001002', 'TX001004', 'TX001005']), 'sequential');
    assert.equal(judgeTokens(['17', '18', '19']), 'sequential', 'a bare counter');
    assert.equal(judgeTokens(['QWERTYUI', 'ZXCVBNMA', 'PLMKOIJN']), undefined);
    assert.equal(judgeTokens(['AB12', 'CD13', 'EF14']), undefined, 'different prefixes');
    assert.equal(judgeTokens(['TX5', 'TX4', 'TX6']), undefined, 'not increasing');
    assert.equal(judgeTokens(['TX1', `TX${2 + MAX_COUNTER_STEP}`, `TX${3 + MAX_COUNTER_STEP}`]), undefined);
    assert.equal(judgeTokens(['abc', 'abc']), undefined, 'two samples decide nothing');
  });
  it('reads references from screens', () => {
    assert.equal(screenReference('Send KES 10.00? Ref TX001001\n1. Confirm'), 'TX001001');
    assert.equal(screenReference('Transaction ID: 8F2K9Q1Z'), '8F2K9Q1Z');
    assert.equal(screenReference('Receipt no. 123456 sent'), '123456');
    assert.equal(screenReference('Ref QWERTYUI'), 'QWERTYUI');
    assert.equal(screenReference('Enter your reference'), undefined, 'a prompt, not a value');
    assert.equal(screenReference('Enter reference number:'), undefined);
    assert.equal(screenReference('Enter voucher code'), undefined);
    assert.equal(screenReference('Welcome\n1. Balance'), undefined);
  });
});

describe('USSD-011 malformed callbacks', () => {
  it('form dialects: content type, re-encoding, a duplicated and a missing field', () => {
    const v = Object.fromEntries(malformedVariants(africasTalking.encodeRequest(HOP), HOP));
    assert.deepEqual(Object.keys(v), [
      'empty body',
      'truncated body',
      'wrong content type',
      'body in the other encoding',
      'duplicated phone number field',
      'missing phone number field',
      'missing session id field',
    ]);
    assert.equal(v['wrong content type']?.headers['content-type'], 'application/json');
    assert.equal(v['wrong content type']?.body, africasTalking.encodeRequest(HOP).body);
    assert.equal(JSON.parse(v['body in the other encoding']?.body ?? '').phoneNumber, '+254700000001');
    assert.deepEqual(new URLSearchParams(v['duplicated phone number field']?.body).getAll('phoneNumber'), [
      '+254700000001',
      '+19995550100',
    ]);
    assert.equal(new URLSearchParams(v['missing session id field']?.body).has('sessionId'), false);
  });
  it('JSON dialects: the duplicated field is an array; GET dialects keep to the query', () => {
    const j = Object.fromEntries(malformedVariants(hubtel.encodeRequest(HOP), HOP));
    assert.deepEqual(JSON.parse(j['duplicated phone number field']?.body ?? '').Mobile, [
      '254700000001',
      '+19995550100',
    ]);
    assert.equal(
      j['body in the other encoding']?.headers['content-type'],
      'application/x-www-form-urlencoded',
    );
    assert.equal('SessionId' in JSON.parse(j['missing session id field']?.body ?? '{}'), false);
    for (const d of [hollatags, genericDialect()]) {
      const q = Object.fromEntries(malformedVariants(d.encodeRequest(HOP), HOP));
      assert.ok(!('wrong content type' in q), d.name);
      assert.equal(q['missing session id field']?.body, undefined);
      assert.equal(new URLSearchParams(q['missing session id field']?.query).has('session_id'), false);
      assert.ok(q['duplicated phone number field']?.query?.includes('19995550100'));
    }
  });
});

describe('USSD-009 variants and USSD-013 prompts', () => {
  it('the number written another way: the first form that changes the wire', () => {
    const target = (dialect: Dialect): UssdTarget => ({
      url: 'http://127.0.0.1/cb',
      dialect,
      serviceCode: '*384*123#',
      msisdn: '+254700000001',
      network: '63902',
      limits: DEFAULT_SESSION_LIMITS,
    });
    assert.equal(otherNumberFormat(target(africasTalking)), '254700000001');
    assert.equal(otherNumberFormat(target(hubtel)), '00254700000001', 'Hubtel drops the + anyway');
    assert.equal(otherNumberFormat({ ...target(hubtel), msisdn: 'alice' }), undefined);
  });
  it('other service and network codes', () => {
    assert.equal(otherServiceCode('*384*123#'), '*384*124#');
    assert.equal(otherServiceCode('*384*999#'), '*384*000#');
    assert.equal(otherServiceCode('*#'), '*#*1');
    assert.equal(otherNetworkCode('63902'), '63903');
  });
  it('account prompts are told from transfer recipients', () => {
    const node = (text: string, prompt: MenuNode['prompt'] = 'phone'): MenuNode => ({
      id: 0,
      path: [],
      label: '',
      depth: 1,
      kind: 'con',
      prompt,
      text,
      afterPin: false,
      children: [],
      exchanges: [],
    });
    const nodes = [
      node('Enter recipient phone number:'),
      node('Enter your account number:'),
      node('Wallet ID of the account holder:', 'text'),
      node('Enter amount:', 'amount'),
      node('Send to which account number? (recipient)'),
    ];
    assert.deepEqual(
      accountPrompts(nodes).map((n) => n.text),
      ['Enter your account number:', 'Wallet ID of the account holder:'],
    );
  });
});
