import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.js';
import { normaliseIp, parseTrustedProxies, resolveClientIp } from './client-ip.js';

describe('client IP', () => {
  const trusted = parseTrustedProxies('10.0.0.1, 10.1.0.0/16 ::1');

  it('uses the TCP peer when no proxy is trusted, whatever the headers say', () => {
    assert.equal(resolveClientIp('192.0.2.1', '203.0.113.5', undefined), '192.0.2.1');
    assert.equal(resolveClientIp('::ffff:192.0.2.1', undefined, undefined), '192.0.2.1');
    assert.equal(resolveClientIp(undefined, '203.0.113.5', trusted), 'unknown');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    assert.equal(resolveClientIp('192.0.2.1', '203.0.113.5', trusted), '192.0.2.1');
  });

  it('takes the rightmost address that is not a trusted proxy', () => {
    assert.equal(resolveClientIp('10.0.0.1', '203.0.113.5', trusted), '203.0.113.5');
    assert.equal(resolveClientIp('::ffff:10.0.0.1', 'evil, 203.0.113.5, 10.1.2.3', trusted), '203.0.113.5');
    assert.equal(resolveClientIp('::1', '2001:db8::7', trusted), '2001:db8::7');
    // every hop trusted: the leftmost one
    assert.equal(resolveClientIp('10.0.0.1', '10.1.9.9, 10.1.2.3', trusted), '10.1.9.9');
  });

  it('stops at a malformed hop and keeps the last trusted address', () => {
    assert.equal(resolveClientIp('10.0.0.1', '203.0.113.5, not-an-ip', trusted), '10.0.0.1');
    assert.equal(resolveClientIp('10.0.0.1', '203.0.113.5, not-an-ip, 10.1.2.3', trusted), '10.1.2.3');
    assert.equal(resolveClientIp('10.0.0.1', '', trusted), '10.0.0.1');
  });

  it('reads at most 32 hops of a huge header', () => {
    const huge = `${Array.from({ length: 10_000 }, () => '10.1.1.1').join(',')}`;
    assert.equal(resolveClientIp('10.0.0.1', huge, trusted), '10.1.1.1');
  });

  it('parses addresses and ranges and refuses anything else', () => {
    assert.ok(trusted.has('10.1.255.255'));
    assert.ok(!trusted.has('10.2.0.1'));
    assert.ok(trusted.has('::ffff:10.0.0.1'));
    assert.ok(!trusted.has('nonsense'));
    for (const bad of ['10.0.0.1/33', 'example.com', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x'])
      assert.throws(() => parseTrustedProxies(bad), InputError, bad);
    assert.deepEqual(parseTrustedProxies(['127.0.0.1']).list, ['127.0.0.1']);
    assert.equal(normaliseIp('[::1]'), '::1');
    assert.equal(normaliseIp('1.2.3'), undefined);
  });
});
