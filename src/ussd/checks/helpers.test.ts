import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Exchange } from '../client.js';
import { screenSize } from '../screen.js';
import { forgeState } from './client-state.js';
import { otherNetworkCode } from './context.js';
import { judgeInputReply } from './input.js';
import { parseBalance } from './money.js';
import { weakPinCandidates, wrongPins } from './pin.js';
import { percentile } from './transport.js';

function ex(over: Partial<Exchange>): Exchange {
  return {
    step: 1,
    hop: {
      sessionId: 's',
      msisdn: '+1',
      serviceCode: '*1#',
      network: '',
      history: [],
      isNew: true,
      sequence: 1,
    },
    request: { method: 'POST', url: 'http://x/', headers: {} },
    status: 200,
    contentType: 'text/plain',
    body: 'CON ok',
    ms: 1,
    reply: { kind: 'con', text: 'ok' },
    size: screenSize('ok'),
    violations: [],
    ...over,
  };
}

describe('check helpers', () => {
  it('wrongPins never returns the real PIN and keeps its length', () => {
    const pins = wrongPins(5, '1357');
    assert.equal(pins.length, 5);
    assert.ok(!pins.includes('1357'));
    assert.ok(pins.every((p) => /^[0-9]{4}$/.test(p)));
    assert.equal(new Set(pins).size, 5);
    assert.ok(wrongPins(3, '123456').every((p) => p.length === 6));
  });
  it('weak PIN candidates include the tail of the number', () => {
    assert.deepEqual(weakPinCandidates('+254712345678'), ['0000', '1234', '5678']);
  });
  it('reads balances', () => {
    assert.equal(parseBalance('Your balance is KES 10,000.00'), 10000);
    assert.equal(parseBalance('Bal: GHS 20.5'), 20.5);
    assert.equal(parseBalance('Enter PIN'), undefined);
  });
  it('percentile by nearest rank', () => {
    assert.equal(percentile([], 95), 0);
    assert.equal(percentile([5], 95), 5);
    assert.equal(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
      95,
    );
    assert.equal(percentile([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 100], 95), 1);
  });
  it('forges amounts in JSON and base64 JSON ClientState, leaves opaque state alone', () => {
    assert.equal(forgeState('{"amount":10,"to":"+2547"}', 10, 7), '{"amount":7,"to":"+2547"}');
    const b64 = Buffer.from(JSON.stringify({ a: '10' })).toString('base64');
    assert.equal(Buffer.from(forgeState(b64, 10, 7) ?? '', 'base64').toString(), '{"a":"7"}');
    assert.equal(forgeState('c2lnbmVk.deadbeef', 10, 7), undefined);
    assert.equal(forgeState('{"amount":11}', 10, 7), undefined);
  });
  it('judges replies to hostile input', () => {
    assert.equal(judgeInputReply(ex({ status: 500, body: 'oops' }), 'x', '')?.messageId, 'serverError');
    assert.equal(
      judgeInputReply(ex({ status: 500, body: 'TypeError: x\n    at f (/a.js:1:1)' }), 'x', '')?.messageId,
      'stackTrace',
    );
    assert.equal(
      judgeInputReply(ex({ reply: { kind: 'invalid', text: 'hi', problem: 'not CON/END' } }), 'x', '')
        ?.messageId,
      'badReply',
    );
    assert.equal(
      judgeInputReply(ex({ violations: ['over-long screen'], size: screenSize('x'.repeat(200)) }), 'x', '')
        ?.messageId,
      'overlong',
    );
    assert.equal(
      judgeInputReply(ex({ reply: { kind: 'con', text: 'You typed 49' } }), '{{7*7}}', 'Menu')?.messageId,
      'template',
    );
    assert.equal(
      judgeInputReply(ex({ reply: { kind: 'con', text: 'Invalid choice' } }), '{{7*7}}', 'Menu'),
      undefined,
    );
    assert.equal(
      judgeInputReply(
        ex({ status: 401, reply: { kind: 'invalid', text: '', problem: 'HTTP 401' } }),
        'x',
        '',
      ),
      undefined,
    );
  });
});

it('otherNetworkCode: next MNC of the same country, or a test name for operator names', () => {
  assert.equal(otherNetworkCode('63902'), '63903');
  assert.equal(otherNetworkCode('310999'), '310000');
  assert.equal(otherNetworkCode('62099'), '62000');
  assert.equal(otherNetworkCode('safaricom'), 'dfslab-other');
  assert.equal(otherNetworkCode('dfslab-other'), 'dfslab-other-2');
});
