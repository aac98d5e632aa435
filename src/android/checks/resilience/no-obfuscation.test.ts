import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './no-obfuscation.js';
import { method, smaliClass, sources } from '../storage/lib/smali.js';

function classes(names: string[], methodName: (i: number) => string): Record<string, string> {
  return sources(
    ...names.map((n, i) => smaliClass(n, [method(methodName(i), '()V', 0, [])], 'Ljava/lang/Object;')),
  );
}

test('AND-RESILIENCE-005 no-obfuscation', async (t) => {
  const clearNames = [
    'LoginActivity',
    'PinPad',
    'TransferClient',
    'CryptoUtil',
    'BalanceStore',
    'SessionManager',
  ].map((n) => `org/dfslab/fixture/${n}`);
  const shortNames = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => `a/a/${n}`);
  const [clear, renamed, tiny] = await auditFixtures(t, check, [
    { smali: classes(clearNames, (i) => ['checkPin', 'send', 'encrypt', 'load', 'save', 'logout'][i]) },
    { smali: classes(shortNames, (i) => ['a', 'b', 'a', 'b', 'c', 'a'][i]) },
    { smali: classes(clearNames.slice(0, 2), () => 'run') },
  ]);
  if (!clear) return;
  const f = findingsOf(clear, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'clear');
  assert.match(
    f[0].message,
    /of 6 app classes \(libraries excluded\) 0 \(0%\) have 1–2 character names, 0 of 6 methods/,
  );
  const r = findingsOf(renamed, check.id);
  assert.equal(r.length, 1);
  assert.equal(r[0].messageId, 'measured');
  assert.equal(r[0].severity, 'info');
  assert.match(r[0].message, /of 6 app classes \(libraries excluded\) 6 \(100%\)/);
  assert.equal(findingsOf(tiny, check.id).length, 0);
});
