import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from './lib/smali-fixtures.js';
import check from './secure-random-seed.js';

const NEW_SR =
  'new-instance v0, Ljava/security/SecureRandom;\ninvoke-direct {v0}, Ljava/security/SecureRandom;-><init>()V';

test('AND-CRYPTO-009 random-constant-seed', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    {
      smali: smaliClass('Lorg/x/Rng;', [
        smaliMethod(
          'public static',
          'seeded()V',
          3,
          `${NEW_SR}\nconst-wide/16 v1, 0x3039\ninvoke-virtual {v0, v1, v2}, Ljava/security/SecureRandom;->setSeed(J)V\nreturn-void`,
        ),
        smaliMethod(
          'public static',
          'util()V',
          3,
          'new-instance v0, Ljava/util/Random;\nconst-wide/16 v1, 0x2a\ninvoke-direct {v0, v1, v2}, Ljava/util/Random;-><init>(J)V\nreturn-void',
        ),
      ]),
    },
    {
      smali: smaliClass('Lorg/x/Rng;', [
        // Seeded from the clock (bad style, but not a constant) and an unseeded SecureRandom.
        smaliMethod(
          'public static',
          'clock()V',
          3,
          'new-instance v0, Ljava/util/Random;\ninvoke-static {}, Ljava/lang/System;->nanoTime()J\nmove-result-wide v1\ninvoke-direct {v0, v1, v2}, Ljava/util/Random;-><init>(J)V\nreturn-void',
        ),
        smaliMethod('public static', 'plain()V', 1, `${NEW_SR}\nreturn-void`),
      ]),
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id).sort((a, b) => a.messageId.localeCompare(b.messageId));
  assert.deepEqual(
    f.map((x) => [x.messageId, x.severity, x.message]),
    [
      [
        'secure',
        'high',
        'SecureRandom.setSeed(12345) in Lorg/x/Rng;->seeded()V at 0x7: SecureRandom seeded with a constant.',
      ],
      [
        'util',
        'medium',
        'new Random(42) in Lorg/x/Rng;->util()V at 0x4: java.util.Random seeded with a constant; its whole output sequence is fixed.',
      ],
    ],
  );
  assertDexEvidence(f[0], 'Lorg/x/Rng;', 'seeded()V', 'setSeed');
  assert.deepEqual(findingsOf(neg, check.id), []);
});
