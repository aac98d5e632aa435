import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from './lib/smali-fixtures.js';
import check from './insecure-random.js';

const NEW_RANDOM = 'new-instance v0, Ljava/util/Random;\ninvoke-direct {v0}, Ljava/util/Random;-><init>()V';

test('AND-CRYPTO-008 insecure-random', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      smali: {
        // Named like a secret.
        ...smaliClass('Lorg/x/Otp;', [
          smaliMethod('public static', 'generateOtp()V', 1, `${NEW_RANDOM}\nreturn-void`),
        ]),
        // A class that also encrypts.
        ...smaliClass('Lorg/x/Vault;', [
          smaliMethod(
            'public static',
            'pick()D',
            2,
            'invoke-static {}, Ljava/lang/Math;->random()D\nmove-result-wide v0\nreturn-wide v0',
          ),
          smaliMethod(
            'public static',
            'enc()V',
            1,
            'const-string v0, "AES/GCM/NoPadding"\ninvoke-static {v0}, Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;\nreturn-void',
          ),
        ]),
      },
    },
    {
      smali: {
        // Animation jitter in a UI class, and a library's backoff: not secrets.
        ...smaliClass('Lorg/x/Animator;', [
          smaliMethod('public static', 'jitter()V', 1, `${NEW_RANDOM}\nreturn-void`),
        ]),
        ...smaliClass('Lokhttp3/internal/Backoff;', [
          smaliMethod('public static', 'token()V', 1, `${NEW_RANDOM}\nreturn-void`),
        ]),
      },
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id).sort((a, b) => a.message.localeCompare(b.message));
  assert.deepEqual(
    f.map((x) => [x.messageId, x.message]),
    [
      [
        'cryptoClass',
        'Math.random in Lorg/x/Vault;->pick()D at 0x0: java.util.Random in a class that also calls Cipher.getInstance.',
      ],
      [
        'secretName',
        'new java.util.Random in Lorg/x/Otp;->generateOtp()V at 0x2: java.util.Random in code named like a secret (generateOtp).',
      ],
    ],
  );
  assertDexEvidence(f[1], 'Lorg/x/Otp;', 'generateOtp()V', 'Random;-><init>');
  assert.deepEqual(findingsOf(neg, check.id), []);
});
