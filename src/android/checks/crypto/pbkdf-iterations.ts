import { defineAndroidCheck } from '../../audit/context.js';
import { argInts, viaText } from './lib/resolve.js';
import { apiShortName, siteEvidence, sitesWithValues } from './lib/sites.js';

/** Below this, a stolen salt + hash lets an attacker try every 4–6 digit PIN in seconds. */
const MIN_ITERATIONS = 10_000;

/** Constructor → index of the iteration count among its arguments (receiver first). */
const ITERATIONS_ARG: Record<string, number> = {
  'Ljavax/crypto/spec/PBEKeySpec;-><init>([C[BII)V': 3,
  'Ljavax/crypto/spec/PBEKeySpec;-><init>([C[BI)V': 3,
  'Ljavax/crypto/spec/PBEParameterSpec;-><init>([BI)V': 2,
  'Ljavax/crypto/spec/PBEParameterSpec;-><init>([BILjava/security/spec/AlgorithmParameterSpec;)V': 2,
};

export default defineAndroidCheck({
  id: 'AND-CRYPTO-007',
  name: 'pbkdf-low-iterations',
  title: 'Password-based key derivation with too few iterations',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-CRYPTO-1'], cwe: [916], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    low: '{api}(…, {iterations}, …) in {where}: {iterations} iterations (fewer than {min}){via}.',
  },
  remediation: `Derive keys from PINs and passwords with PBKDF2WithHmacSHA256 and at least 310,000 iterations (OWASP 2023), or Argon2id; better, keep the key in the Android Keystore and let the PIN only unlock it. Below ${MIN_ITERATIONS} iterations a short PIN is brute-forced instantly.`,
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, Object.keys(ITERATIONS_ARG))) {
      const low = (argInts(ctx, s, ITERATIONS_ARG[s.call.api]) ?? []).filter(
        (n) => Number(n.value) < MIN_ITERATIONS,
      );
      if (low.length === 0) continue;
      const iterations = [...new Set(low.map((n) => String(n.value)))].join(' or ');
      report({
        messageId: 'low',
        data: {
          api: apiShortName(s.call.api),
          iterations,
          min: MIN_ITERATIONS,
          where: s.where,
          via: viaText(low[0]),
        },
        evidence: siteEvidence(ctx, s),
      });
    }
  },
});
