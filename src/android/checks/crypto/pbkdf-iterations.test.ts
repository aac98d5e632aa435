import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from './lib/smali-fixtures.js';
import check from './pbkdf-iterations.js';

const SPEC = 'Ljavax/crypto/spec/PBEKeySpec;-><init>([C[BII)V';
const derive = (iterations: string): Record<string, string> =>
  smaliClass('Lorg/x/Kdf;', [
    smaliMethod(
      'public static',
      'derive([C[B)V',
      6,
      `new-instance v0, Ljavax/crypto/spec/PBEKeySpec;\n${iterations}\nconst/16 v2, 0x100\ninvoke-direct {v0, p0, p1, v1, v2}, ${SPEC}\nreturn-void`,
    ),
  ]);

test('AND-CRYPTO-007 pbkdf-low-iterations', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    { smali: derive('const/16 v1, 0x3e8') },
    { smali: derive('const v1, 0x3d090') },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.match(
    f[0].message,
    /^new PBEKeySpec\(…, 1000, …\) in Lorg\/x\/Kdf;->derive\(\[C\[B\)V at 0x6: 1000 iterations \(fewer than 10000\)\.$/,
  );
  assertDexEvidence(f[0], 'Lorg/x/Kdf;', 'derive(', 'PBEKeySpec;-><init>');
  assert.deepEqual(findingsOf(neg, check.id), []);
});
