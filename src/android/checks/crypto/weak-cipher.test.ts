import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from './lib/smali-fixtures.js';
import check from './weak-cipher.js';

const CIPHER = 'Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;';
const KEYGEN = 'Ljavax/crypto/KeyGenerator;->getInstance(Ljava/lang/String;)Ljavax/crypto/KeyGenerator;';

test('AND-CRYPTO-002 weak-cipher-algorithm', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      smali: smaliClass('Lorg/x/Legacy;', [
        smaliMethod(
          'public static',
          'des()V',
          1,
          `const-string v0, "DESede/CBC/PKCS5Padding"\ninvoke-static {v0}, ${CIPHER}\nreturn-void`,
        ),
        smaliMethod(
          'public static',
          'rc4()V',
          1,
          `const-string v0, "ARCFOUR"\ninvoke-static {v0}, ${KEYGEN}\nreturn-void`,
        ),
      ]),
    },
    {
      smali: smaliClass('Lorg/x/Modern;', [
        smaliMethod(
          'public static',
          'aes()V',
          1,
          `const-string v0, "AES/GCM/NoPadding"\ninvoke-static {v0}, ${CIPHER}\nreturn-void`,
        ),
      ]),
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id).sort((a, b) => a.message.localeCompare(b.message));
  assert.equal(f.length, 2);
  assert.equal(
    f[0].message,
    'Cipher.getInstance("DESede/CBC/PKCS5Padding") in Lorg/x/Legacy;->des()V at 0x2: 3DES is a broken or weak cipher.',
  );
  assertDexEvidence(f[0], 'Lorg/x/Legacy;', 'des()V', 'Cipher;->getInstance');
  assert.equal(
    f[1].message,
    'KeyGenerator.getInstance("ARCFOUR") in Lorg/x/Legacy;->rc4()V at 0x2: RC4 is a broken or weak cipher.',
  );
  assert.deepEqual(findingsOf(neg, check.id), []);
});
