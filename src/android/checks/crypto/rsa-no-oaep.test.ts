import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from './lib/smali-fixtures.js';
import check from './rsa-no-oaep.js';

const GET = 'Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;';
const rsa = (name: string, t: string): string =>
  smaliMethod(
    'public static',
    `${name}()V`,
    1,
    `const-string v0, "${t}"\ninvoke-static {v0}, ${GET}\nreturn-void`,
  );

test('AND-CRYPTO-006 rsa-without-oaep', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      smali: smaliClass('Lorg/x/Rsa;', [
        rsa('a', 'RSA'),
        rsa('b', 'RSA/ECB/PKCS1Padding'),
        rsa('c', 'RSA/NONE/NoPadding'),
      ]),
    },
    {
      smali: smaliClass('Lorg/x/Rsa;', [
        rsa('a', 'RSA/ECB/OAEPWithSHA-256AndMGF1Padding'),
        rsa('b', 'AES/GCM/NoPadding'),
      ]),
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id).sort((x, y) => x.message.localeCompare(y.message));
  assert.deepEqual(
    f.map((x) => [x.messageId, x.message]),
    [
      [
        'pkcs1',
        'Cipher.getInstance("RSA") in Lorg/x/Rsa;->a()V at 0x2: RSA with PKCS#1 v1.5 padding (the default when none is named).',
      ],
      [
        'pkcs1',
        'Cipher.getInstance("RSA/ECB/PKCS1Padding") in Lorg/x/Rsa;->b()V at 0x2: RSA with PKCS#1 v1.5 padding.',
      ],
      [
        'nopadding',
        'Cipher.getInstance("RSA/NONE/NoPadding") in Lorg/x/Rsa;->c()V at 0x2: RSA with no padding (textbook RSA).',
      ],
    ],
  );
  assertDexEvidence(f[0], 'Lorg/x/Rsa;', 'a()V', 'Cipher;->getInstance');
  assert.deepEqual(findingsOf(neg, check.id), []);
});
