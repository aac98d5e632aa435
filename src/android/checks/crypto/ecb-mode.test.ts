import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from './lib/smali-fixtures.js';
import check from './ecb-mode.js';

const GET = 'Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;';
const cipher = (cls: string, name: string, transformation: string): Record<string, string> =>
  smaliClass(cls, [
    smaliMethod(
      'public static',
      `${name}()V`,
      1,
      `const-string v0, "${transformation}"\ninvoke-static {v0}, ${GET}\nreturn-void`,
    ),
  ]);

test('AND-CRYPTO-001 cipher-ecb-mode', async (t) => {
  const helper = smaliClass('Lorg/x/Helper;', [
    smaliMethod(
      'public static',
      'get(Ljava/lang/String;)Ljavax/crypto/Cipher;',
      1,
      `invoke-static {p0}, ${GET}\nmove-result-object p0\nreturn-object p0`,
    ),
    smaliMethod(
      'public static',
      'use()V',
      1,
      'const-string v0, "AES"\ninvoke-static {v0}, Lorg/x/Helper;->get(Ljava/lang/String;)Ljavax/crypto/Cipher;\nreturn-void',
    ),
  ]);
  const [explicit, viaHelper, safe] = await auditFixtures(t, check, [
    { smali: cipher('Lorg/x/Crypto;', 'enc', 'AES/ECB/PKCS5Padding') },
    { smali: helper },
    {
      smali: {
        ...cipher('Lorg/x/Gcm;', 'enc', 'AES/GCM/NoPadding'),
        ...cipher('Lorg/x/Rsa;', 'enc', 'RSA/ECB/OAEPWithSHA-256AndMGF1Padding'),
        ...cipher('Lcom/google/crypto/tink/subtle/Ctr;', 'block', 'AES/ECB/NoPadding'),
      },
    },
  ]);
  if (!explicit) return;
  const f = findingsOf(explicit, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'explicit');
  assert.match(
    f[0].message,
    /^Cipher\.getInstance\("AES\/ECB\/PKCS5Padding"\) in Lorg\/x\/Crypto;->enc\(\)V at 0x2: AES in ECB mode\.$/,
  );
  assertDexEvidence(f[0], 'Lorg/x/Crypto;', 'enc()V', 'Cipher;->getInstance');

  const h = findingsOf(viaHelper, check.id);
  assert.equal(h.length, 1);
  assert.equal(h[0].messageId, 'implicit');
  assert.match(h[0].message, /"AES".*Lorg\/x\/Helper;->get.*value from Lorg\/x\/Helper;->use\(\)V at 0x2/);
  assertDexEvidence(h[0], 'Lorg/x/Helper;', 'get(');

  assert.deepEqual(findingsOf(safe, check.id), []);
});
