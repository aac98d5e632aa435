import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from './lib/smali-fixtures.js';
import check from './weak-hash.js';

const MD = 'Ljava/security/MessageDigest;->getInstance(Ljava/lang/String;)Ljava/security/MessageDigest;';
const digest = (cls: string, alg: string): Record<string, string> =>
  smaliClass(cls, [
    smaliMethod(
      'public static',
      'hash()V',
      1,
      `const-string v0, "${alg}"\ninvoke-static {v0}, ${MD}\nreturn-void`,
    ),
  ]);

test('AND-CRYPTO-003 weak-hash-algorithm', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    { smali: { ...digest('Lorg/x/Pin;', 'MD5'), ...digest('Lorg/x/Sig;', 'SHA-1') } },
    // SHA-256 in the app, MD5 inside a library that hashes cache keys.
    { smali: { ...digest('Lorg/x/Pin;', 'SHA-256'), ...digest('Lcom/bumptech/glide/load/Key;', 'MD5') } },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id).sort((a, b) => a.message.localeCompare(b.message));
  assert.deepEqual(
    f.map((x) => x.message),
    [
      'MessageDigest.getInstance("MD5") in Lorg/x/Pin;->hash()V at 0x2: MD5 is not collision resistant.',
      'MessageDigest.getInstance("SHA-1") in Lorg/x/Sig;->hash()V at 0x2: SHA-1 is not collision resistant.',
    ],
  );
  assert.equal(f[0].confidence, 'medium');
  assertDexEvidence(f[0], 'Lorg/x/Pin;', 'hash()V', 'MessageDigest;->getInstance');
  assert.deepEqual(findingsOf(neg, check.id), []);
});
