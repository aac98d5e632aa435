import { defineAndroidCheck } from '../../audit/context.js';
import { alternatives, possibleInts, type Value } from '../../code/index.js';
import { constantStrings } from './lib/apis.js';
import { apiShortName, siteEvidence, sitesWithValues } from './lib/sites.js';

/** Key-size calls → index of the size among the arguments (receiver first). */
const SIZE_ARG: Record<string, number> = {
  'Ljavax/crypto/KeyGenerator;->init(I)V': 1,
  'Ljavax/crypto/KeyGenerator;->init(ILjava/security/SecureRandom;)V': 1,
  'Ljava/security/KeyPairGenerator;->initialize(I)V': 1,
  'Ljava/security/KeyPairGenerator;->initialize(ILjava/security/SecureRandom;)V': 1,
};

/** Smallest acceptable size per algorithm (NIST SP 800-131A / 800-57). */
const MIN_BITS: Record<string, number> = {
  AES: 128,
  RSA: 2048,
  DSA: 2048,
  DH: 2048,
  DIFFIEHELLMAN: 2048,
  EC: 224,
  HMACSHA1: 128,
  HMACSHA256: 128,
};

/** The algorithm the receiver was created for (`KeyGenerator.getInstance("AES")`), when known. */
function algorithmOf(receiver: Value | undefined): string[] {
  if (!receiver) return [];
  const out: string[] = [];
  for (const alt of alternatives(receiver)) {
    if (alt.kind !== 'invoke' || !alt.method.includes(';->getInstance(')) return [];
    const names = constantStrings(alt.args[0]);
    if (names.length === 0) return [];
    out.push(...names);
  }
  return out;
}

export default defineAndroidCheck({
  id: 'AND-CRYPTO-010',
  name: 'small-key-size',
  title: 'Key generated with a too-small size',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-CRYPTO-1'], cwe: [326], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    small: '{api}({bits}) in {where}: a {bits}-bit {algorithm} key (at least {min} bits needed).',
  },
  remediation:
    'Generate AES keys of 256 bits (at least 128), RSA, DSA and DH keys of at least 3072 bits (2048 minimum), EC keys on P-256 or stronger — ideally inside the Android Keystore with KeyGenParameterSpec.Builder.setKeySize.',
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, Object.keys(SIZE_ARG))) {
      const v = s.values.args[SIZE_ARG[s.call.api]];
      const sizes = v ? possibleInts(v) : undefined;
      if (!sizes) continue;
      for (const algorithm of algorithmOf(s.values.args[0])) {
        const min = MIN_BITS[algorithm.toUpperCase()];
        if (min === undefined) continue;
        for (const bits of sizes) {
          if (Number(bits) >= min) continue;
          report({
            messageId: 'small',
            data: { api: apiShortName(s.call.api), bits: String(bits), algorithm, min, where: s.where },
            evidence: siteEvidence(ctx, s),
          });
        }
      }
    }
  },
});
