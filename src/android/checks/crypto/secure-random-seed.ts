import { defineAndroidCheck } from '../../audit/context.js';
import { constantInt, knownBytes, type Value } from '../../code/index.js';
import { bytesPreview } from './lib/apis.js';
import { apiShortName, siteEvidence, sitesWithValues } from './lib/sites.js';

/** Seeding call → index of the seed among its arguments (receiver first). */
const SEED_ARG: Record<string, number> = {
  'Ljava/security/SecureRandom;-><init>([B)V': 1,
  'Ljava/security/SecureRandom;->setSeed([B)V': 1,
  'Ljava/security/SecureRandom;->setSeed(J)V': 1,
  'Ljava/util/Random;-><init>(J)V': 1,
  'Ljava/util/Random;->setSeed(J)V': 1,
};

function constantSeed(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  const n = constantInt(v);
  if (n !== undefined) return String(n);
  const b = knownBytes(v);
  return b ? bytesPreview(b) : undefined;
}

/**
 * A generator seeded with a constant produces the same sequence on every device: SHA1PRNG on
 * Android ≤ 6 replaces its state with the seed, and java.util.Random is fully determined by it.
 */
export default defineAndroidCheck({
  id: 'AND-CRYPTO-009',
  name: 'random-constant-seed',
  title: 'Random generator seeded with a constant',
  severity: 'high',
  confidence: 'medium',
  refs: { masvs: ['MASVS-CRYPTO-1'], cwe: [335, 330], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    secure: '{api}({seed}) in {where}: SecureRandom seeded with a constant.',
    util: '{api}({seed}) in {where}: java.util.Random seeded with a constant; its whole output sequence is fixed.',
  },
  remediation:
    'Use new SecureRandom() without setSeed or a seed constructor (the platform seeds it from the kernel), and never use java.util.Random for anything secret. If a reproducible sequence is needed for tests, keep it out of the release build.',
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, Object.keys(SEED_ARG))) {
      const seed = constantSeed(s.values.args[SEED_ARG[s.call.api]]);
      if (seed === undefined) continue;
      const secure = s.call.api.startsWith('Ljava/security/');
      report({
        messageId: secure ? 'secure' : 'util',
        data: { api: apiShortName(s.call.api), seed, where: s.where },
        evidence: siteEvidence(ctx, s),
        ...(secure ? {} : { severity: 'medium' as const }),
      });
    }
  },
});
