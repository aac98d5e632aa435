import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDfslabError } from '../../core/errors.js';
import { checkUssdUrl, formatUssdAllowEntry, parseUssdAllowList } from './allow-list.js';

describe('USSD allow-list', () => {
  it('parses HOST[:PORT] lists, normalising hosts as URLs do', () => {
    const list = parseUssdAllowList(' 127.0.0.1:8000, Gateway.Example.COM ,[::1]:9000,0x7f.1:81,');
    assert.deepEqual(list.map(formatUssdAllowEntry), [
      '127.0.0.1:8000',
      'gateway.example.com',
      '[::1]:9000',
      '127.0.0.1:81',
    ]);
    assert.deepEqual(parseUssdAllowList(undefined), []);
    assert.deepEqual(parseUssdAllowList(''), []);
  });

  it('refuses malformed entries with a typed error', () => {
    for (const bad of [
      'http://a.example',
      'a.example:0',
      'a.example:99999',
      'a b',
      'user@a.example',
      'a.example/x',
    ])
      assert.throws(
        () => parseUssdAllowList(bad),
        (e: unknown) => isDfslabError(e),
        bad,
      );
  });

  it('lets through only http(s) to a listed host and port', () => {
    const allow = parseUssdAllowList('127.0.0.1:8000,gw.example.com,[::1]:9000');
    const ok = (u: string) => checkUssdUrl(allow, u).ok;
    assert.ok(ok('http://127.0.0.1:8000/ussd'));
    assert.ok(ok('https://gw.example.com/cb'));
    assert.ok(ok('http://gw.example.com:8080/cb'), 'a host without a port: any port');
    assert.ok(ok('http://[::1]:9000/'));
    assert.ok(ok('http://2130706433:8000/'), 'the same address spelt as one number');
    for (const u of [
      'http://127.0.0.1:8001/',
      'http://127.0.0.1/',
      'http://localhost:8000/',
      'http://127.0.0.1.nip.io:8000/',
      'http://[::ffff:127.0.0.1]:8000/',
      'http://gw.example.com.evil.example/',
      'http://evil.example#@gw.example.com/',
      'http://gw.example.com@evil.example/',
      'http://u:p@gw.example.com/',
      'file:///etc/passwd',
      'gopher://gw.example.com/',
      'not a url',
      'http://[::1]:9001/',
    ])
      assert.equal(ok(u), false, u);
  });

  it('with an empty list, refuses everything and says USSD scans are off', () => {
    const v = checkUssdUrl([], 'http://127.0.0.1:8000/');
    assert.equal(v.ok, false);
    assert.match(v.ok ? '' : v.reason, /USSD scans are disabled/);
  });
});
