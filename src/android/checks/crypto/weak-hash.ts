import { defineAndroidCheck } from '../../audit/context.js';
import { MESSAGE_DIGEST_GET_INSTANCE } from './lib/apis.js';
import { argStrings, viaText } from './lib/resolve.js';
import { isNonSecurityHashLibrary } from '../shared/libraries.js';
import { siteEvidence, sitesWithValues } from './lib/sites.js';

const WEAK: Record<string, string> = {
  MD2: 'MD2',
  MD4: 'MD4',
  MD5: 'MD5',
  'SHA-1': 'SHA-1',
  SHA1: 'SHA-1',
  SHA: 'SHA-1',
};

/**
 * MD5 and SHA-1 collide: fine for a cache key, not for passwords, PINs, signatures or integrity.
 * Bytecode cannot always tell which, hence medium confidence.
 */
export default defineAndroidCheck({
  id: 'AND-CRYPTO-003',
  name: 'weak-hash-algorithm',
  title: 'Weak hash algorithm (MD5, SHA-1)',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-CRYPTO-1'], cwe: [328], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    weak: 'MessageDigest.getInstance("{algorithm}") in {where}: {hash} is not collision resistant{via}.',
  },
  remediation:
    'Use SHA-256 or stronger for integrity; for PINs and passwords use a slow salted KDF (PBKDF2WithHmacSHA256 with ≥ 310,000 iterations, or Argon2) and never a bare hash. A hash used only as a cache key can stay, but say so in the audit response.',
  run(ctx, report) {
    // Libraries hash package signatures and cache keys with MD5/SHA-1: not the app's security decision.
    for (const s of sitesWithValues(ctx, MESSAGE_DIGEST_GET_INSTANCE, isNonSecurityHashLibrary)) {
      for (const r of argStrings(ctx, s, 0)) {
        const hash = WEAK[r.text.trim().toUpperCase()];
        if (hash)
          report({
            messageId: 'weak',
            data: { algorithm: r.text, where: s.where, hash, via: viaText(r) },
            evidence: siteEvidence(ctx, s),
          });
      }
    }
  },
});
