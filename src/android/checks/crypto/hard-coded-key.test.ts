import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from './lib/smali-fixtures.js';
import check from './hard-coded-key.js';

const SPEC = 'Ljavax/crypto/spec/SecretKeySpec;-><init>([BLjava/lang/String;)V';
const keyFrom = (cls: string, load: string): Record<string, string> =>
  smaliClass(cls, [
    smaliMethod(
      'public static',
      'key(Ljava/lang/String;)V',
      4,
      `${load}\nnew-instance v1, Ljavax/crypto/spec/SecretKeySpec;\nconst-string v2, "AES"\ninvoke-direct {v1, v0, v2}, ${SPEC}\nreturn-void`,
    ),
  ]);

test('AND-CRYPTO-005 hard-coded-key', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      smali: keyFrom(
        'Lorg/x/Keys;',
        'const-string v0, "DemoWalletKey123"\ninvoke-virtual {v0}, Ljava/lang/String;->getBytes()[B\nmove-result-object v0',
      ),
    },
    // The key comes from the caller's parameter (e.g. a Keystore-derived secret): unknown, no finding.
    {
      smali: keyFrom(
        'Lorg/x/Keys;',
        'invoke-virtual {p0}, Ljava/lang/String;->getBytes()[B\nmove-result-object v0',
      ),
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(
    f[0].message,
    'new SecretKeySpec("DemoWalletKey123", "AES") in Lorg/x/Keys;->key(Ljava/lang/String;)V at 0xa: the 16-byte key is a constant in the app.',
  );
  assertDexEvidence(f[0], 'Lorg/x/Keys;', 'key(Ljava/lang/String;)V', 'SecretKeySpec;-><init>');
  assert.deepEqual(findingsOf(neg, check.id), []);
});
