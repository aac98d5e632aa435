import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliInit, smaliMethod } from './lib/smali-fixtures.js';
import check from './static-iv.js';

const IV = 'Ljavax/crypto/spec/IvParameterSpec;-><init>([B)V';

test('AND-CRYPTO-004 static-iv', async (t) => {
  // Zero IV: a 16-byte array kept in an instance field, set in the constructor, used in another method.
  const zeroField = smaliClass(
    'Lorg/x/Box;',
    [
      smaliMethod(
        'public constructor',
        '<init>()V',
        2,
        `invoke-direct {p0}, Ljava/lang/Object;-><init>()V\nconst/16 v0, 0x10\nnew-array v0, v0, [B\niput-object v0, p0, Lorg/x/Box;->iv:[B\nreturn-void`,
      ),
      smaliMethod(
        'public',
        'spec()V',
        2,
        `new-instance v0, Ljavax/crypto/spec/IvParameterSpec;\niget-object v1, p0, Lorg/x/Box;->iv:[B\ninvoke-direct {v0, v1}, ${IV}\nreturn-void`,
      ),
    ],
    { fields: ['.field private iv:[B'] },
  );
  const constant = smaliClass('Lorg/x/Fixed;', [
    smaliMethod(
      'public static',
      'spec()V',
      3,
      `new-instance v0, Ljavax/crypto/spec/IvParameterSpec;\nconst-string v1, "0123456789abcdef"\ninvoke-virtual {v1}, Ljava/lang/String;->getBytes()[B\nmove-result-object v1\ninvoke-direct {v0, v1}, ${IV}\nreturn-void`,
    ),
  ]);
  const random = smaliClass('Lorg/x/Good;', [
    smaliInit(),
    smaliMethod(
      'public static',
      'spec()V',
      3,
      `const/16 v0, 0x10\nnew-array v0, v0, [B\nnew-instance v1, Ljava/security/SecureRandom;\ninvoke-direct {v1}, Ljava/security/SecureRandom;-><init>()V\ninvoke-virtual {v1, v0}, Ljava/security/SecureRandom;->nextBytes([B)V\nnew-instance v2, Ljavax/crypto/spec/IvParameterSpec;\ninvoke-direct {v2, v0}, ${IV}\nreturn-void`,
    ),
  ]);
  // The field's array is filled with random bytes by another method before use: not constant.
  const refilled = smaliClass(
    'Lorg/x/Refill;',
    [
      smaliMethod(
        'public constructor',
        '<init>()V',
        2,
        `invoke-direct {p0}, Ljava/lang/Object;-><init>()V\nconst/16 v0, 0x10\nnew-array v0, v0, [B\niput-object v0, p0, Lorg/x/Refill;->iv:[B\nreturn-void`,
      ),
      smaliMethod(
        'public',
        'fill()V',
        3,
        `new-instance v0, Ljava/security/SecureRandom;\ninvoke-direct {v0}, Ljava/security/SecureRandom;-><init>()V\niget-object v1, p0, Lorg/x/Refill;->iv:[B\ninvoke-virtual {v0, v1}, Ljava/security/SecureRandom;->nextBytes([B)V\nreturn-void`,
      ),
      smaliMethod(
        'public',
        'spec()V',
        2,
        `new-instance v0, Ljavax/crypto/spec/IvParameterSpec;\niget-object v1, p0, Lorg/x/Refill;->iv:[B\ninvoke-direct {v0, v1}, ${IV}\nreturn-void`,
      ),
    ],
    { fields: ['.field private iv:[B'] },
  );
  const [zero, fixed, good] = await auditFixtures(t, check, [
    { smali: zeroField },
    { smali: constant },
    { smali: { ...random, ...refilled } },
  ]);
  if (!zero) return;
  const z = findingsOf(zero, check.id);
  assert.equal(z.length, 1);
  assert.equal(z[0].messageId, 'zero');
  assert.match(
    z[0].message,
    /^new IvParameterSpec\(new byte\[16\]\) in Lorg\/x\/Box;->spec\(\)V at 0x4: .*value from Lorg\/x\/Box;-><init>\(\)V at 0x7\)\.$/,
  );
  assertDexEvidence(z[0], 'Lorg/x/Box;', 'spec()V', 'IvParameterSpec;-><init>');
  const c = findingsOf(fixed, check.id);
  assert.equal(c.length, 1);
  assert.equal(c[0].messageId, 'constant');
  assert.match(c[0].message, /"0123456789abcdef"/);
  assert.deepEqual(findingsOf(good, check.id), []);
});
