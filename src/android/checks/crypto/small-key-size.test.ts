import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from './lib/smali-fixtures.js';
import check from './small-key-size.js';

const kpg = (alg: string, size: string): string =>
  `const-string v0, "${alg}"\ninvoke-static {v0}, Ljava/security/KeyPairGenerator;->getInstance(Ljava/lang/String;)Ljava/security/KeyPairGenerator;\nmove-result-object v0\n${size}\ninvoke-virtual {v0, v1}, Ljava/security/KeyPairGenerator;->initialize(I)V\nreturn-void`;
const kg = (alg: string, size: string): string =>
  `const-string v0, "${alg}"\ninvoke-static {v0}, Ljavax/crypto/KeyGenerator;->getInstance(Ljava/lang/String;)Ljavax/crypto/KeyGenerator;\nmove-result-object v0\n${size}\ninvoke-virtual {v0, v1}, Ljavax/crypto/KeyGenerator;->init(I)V\nreturn-void`;

test('AND-CRYPTO-010 small-key-size', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      smali: smaliClass('Lorg/x/Keys;', [
        smaliMethod('public static', 'rsa()V', 2, kpg('RSA', 'const/16 v1, 0x400')),
        smaliMethod('public static', 'aes()V', 2, kg('AES', 'const/16 v1, 0x40')),
      ]),
    },
    {
      smali: smaliClass('Lorg/x/Keys;', [
        smaliMethod('public static', 'rsa()V', 2, kpg('RSA', 'const/16 v1, 0xc00')),
        smaliMethod('public static', 'aes()V', 2, kg('AES', 'const/16 v1, 0x100')),
      ]),
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id).sort((a, b) => a.message.localeCompare(b.message));
  assert.deepEqual(
    f.map((x) => x.message),
    [
      'KeyGenerator.init(64) in Lorg/x/Keys;->aes()V at 0x8: a 64-bit AES key (at least 128 bits needed).',
      'KeyPairGenerator.initialize(1024) in Lorg/x/Keys;->rsa()V at 0x8: a 1024-bit RSA key (at least 2048 bits needed).',
    ],
  );
  assertDexEvidence(f[1], 'Lorg/x/Keys;', 'rsa()V', 'initialize(I)V');
  assert.deepEqual(findingsOf(neg, check.id), []);
});
