import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './no-emulator-detection.js';
import { method, smaliClass, sources } from '../storage/lib/smali.js';

const CLS = 'org/dfslab/fixture/Main';
const main = (body: string[]): Record<string, string> =>
  smaliClass(CLS, [method('onResume', '()V', 2, body)]);

test('AND-RESILIENCE-002 no-emulator-detection', async (t) => {
  const [none, fingerprint, libraryOnly] = await auditFixtures(t, check, [
    { smali: main(['const-string v0, "generic_error"']) },
    {
      smali: main([
        'sget-object v0, Landroid/os/Build;->FINGERPRINT:Ljava/lang/String;',
        'const-string v1, "generic"',
        'invoke-virtual {v0, v1}, Ljava/lang/String;->startsWith(Ljava/lang/String;)Z',
      ]),
    },
    {
      smali: sources(
        main([]),
        smaliClass(
          'com/google/android/gms/internal/Env',
          [method('x', '()V', 1, ['const-string v0, "goldfish"'])],
          'Ljava/lang/Object;',
        ),
      ),
    },
  ]);
  if (!none) return;
  const f = findingsOf(none, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'absent');
  assert.equal(f[0].severity, 'low');
  assert.ok(f[0].evidence.some((e) => e.kind === 'text' && /emulator build properties/.test(e.text)));
  assert.equal(findingsOf(fingerprint, check.id).length, 0);
  assert.equal(findingsOf(libraryOnly, check.id).length, 1);
});
