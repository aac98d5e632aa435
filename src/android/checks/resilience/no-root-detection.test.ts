import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './no-root-detection.js';
import { method, smaliClass, sources } from '../storage/lib/smali.js';

const CLS = 'org/dfslab/fixture/Main';
const main = (body: string[]): Record<string, string> =>
  smaliClass(CLS, [method('onResume', '()V', 2, body)]);
const ROOTBEER = smaliClass(
  'com/scottyab/rootbeer/RootBeer',
  [method('isRooted', '()Z', 1, ['const/4 v0, 0', 'return v0'])],
  'Ljava/lang/Object;',
);

test('AND-RESILIENCE-001 no-root-detection', async (t) => {
  const [none, suPath, libraryOnly, rootBeer, unusedRootBeer, native] = await auditFixtures(t, check, [
    { smali: main([]) },
    { smali: main(['const-string v0, "/system/xbin/su"']) },
    {
      smali: sources(
        main([]),
        smaliClass(
          'com/google/firebase/crashlytics/Utils',
          [method('rooted', '()V', 1, ['const-string v0, "/system/xbin/su"'])],
          'Ljava/lang/Object;',
        ),
      ),
    },
    {
      smali: sources(
        main([
          'new-instance v0, Lcom/scottyab/rootbeer/RootBeer;',
          'invoke-virtual {v0}, Lcom/scottyab/rootbeer/RootBeer;->isRooted()Z',
        ]),
        ROOTBEER,
      ),
    },
    { smali: sources(main([]), ROOTBEER) },
    {
      smali: main([]),
      files: { 'lib/arm64-v8a/libguard.so': '\u007fELF....padding..../system/xbin/su\u0000' },
    },
  ]);
  if (!none) return;
  const f = findingsOf(none, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'absent');
  assert.deepEqual(f[0].tags, ['resilience', 'needs-dynamic', 'control-absent']);
  assert.equal(f[0].severity, 'low');
  assert.ok(f[0].evidence[0].kind === 'manifest' && f[0].evidence[0].element === 'manifest/application[1]');
  assert.equal(findingsOf(suPath, check.id).length, 0);
  assert.equal(
    findingsOf(libraryOnly, check.id).length,
    1,
    "Crashlytics' root probe is not the app's protection",
  );
  assert.equal(findingsOf(rootBeer, check.id).length, 0);
  assert.equal(findingsOf(unusedRootBeer, check.id).length, 1, 'RootBeer bundled but never called');
  assert.equal(findingsOf(native, check.id).length, 0);
});
