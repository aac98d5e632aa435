import { defineAndroidCheck } from '../../audit/context.js';
import { BLOCK_CIPHERS, CIPHER_GET_INSTANCE, parseTransformation } from './lib/apis.js';
import { argStrings, viaText } from './lib/resolve.js';
import { isCryptoImplementation } from '../shared/libraries.js';
import { siteEvidence, sitesWithValues } from './lib/sites.js';

/**
 * ECB encrypts equal plaintext blocks to equal ciphertext blocks: amounts, PINs and account
 * numbers in a fixed layout leak their patterns, and blocks can be cut and pasted.
 */
export default defineAndroidCheck({
  id: 'AND-CRYPTO-001',
  name: 'cipher-ecb-mode',
  title: 'Block cipher used in ECB mode',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-CRYPTO-1'], cwe: [327], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    explicit: 'Cipher.getInstance("{transformation}") in {where}: {alg} in ECB mode{via}.',
    implicit:
      'Cipher.getInstance("{transformation}") in {where}: no mode is given, so the provider uses {alg}/ECB{via}.',
  },
  remediation:
    'Use an authenticated mode: Cipher.getInstance("AES/GCM/NoPadding") with a fresh random 12-byte IV per message (GCMParameterSpec(128, iv)), and keep the key in the Android Keystore. Never pass a bare "AES" or an "/ECB/" transformation.',
  run(ctx, report) {
    // Tink and Bouncy Castle build CTR/SIV/CMAC from single-block ECB calls on purpose.
    for (const s of sitesWithValues(ctx, CIPHER_GET_INSTANCE, isCryptoImplementation)) {
      for (const r of argStrings(ctx, s, 0)) {
        const text = r.text;
        const t = parseTransformation(text);
        if (!BLOCK_CIPHERS.has(t.alg)) continue;
        if (t.mode === 'ECB')
          report({
            messageId: 'explicit',
            data: { transformation: text, where: s.where, alg: t.alg, via: viaText(r) },
            evidence: siteEvidence(ctx, s),
          });
        else if (t.mode === undefined)
          report({
            messageId: 'implicit',
            data: { transformation: text, where: s.where, alg: t.alg, via: viaText(r) },
            evidence: siteEvidence(ctx, s),
          });
      }
    }
  },
});
