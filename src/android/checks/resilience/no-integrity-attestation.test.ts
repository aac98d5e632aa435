import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './no-integrity-attestation.js';
import { method, smaliClass, sources } from '../storage/lib/smali.js';

const CLS = 'org/dfslab/fixture/Main';
const PKG = 'com/google/android/play/core/integrity';
const main = (body: string[]): Record<string, string> =>
  smaliClass(CLS, [method('onResume', '()V', 2, body)]);
const LIB = smaliClass(
  `${PKG}/IntegrityManager`,
  [
    method(
      'requestIntegrityToken',
      `(L${PKG}/IntegrityTokenRequest;)Lcom/google/android/gms/tasks/Task;`,
      1,
      ['const/4 v0, 0', 'return-object v0'],
    ),
  ],
  'Ljava/lang/Object;',
);

test('AND-RESILIENCE-004 no-integrity-attestation', async (t) => {
  const [none, bundledOnly, called] = await auditFixtures(t, check, [
    { smali: main([]) },
    { smali: sources(main([]), LIB) },
    {
      smali: sources(
        main([
          'const/4 v0, 0',
          'const/4 v1, 0',
          `invoke-virtual {v0, v1}, L${PKG}/IntegrityManager;->requestIntegrityToken(L${PKG}/IntegrityTokenRequest;)Lcom/google/android/gms/tasks/Task;`,
        ]),
        LIB,
      ),
    },
  ]);
  if (!none) return;
  const f = findingsOf(none, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'absent');
  assert.doesNotMatch(f[0].message, /bundled/);
  const b = findingsOf(bundledOnly, check.id);
  assert.equal(b.length, 1, 'a bundled library that is never called attests nothing');
  assert.match(b[0].message, /bundled but app code never calls it/);
  assert.equal(findingsOf(called, check.id).length, 0);
});
