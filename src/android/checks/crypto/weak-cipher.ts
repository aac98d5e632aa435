import { defineAndroidCheck } from '../../audit/context.js';
import {
  CIPHER_GET_INSTANCE,
  KEY_GENERATOR_GET_INSTANCE,
  SECRET_KEY_FACTORY_GET_INSTANCE,
  parseTransformation,
  weakCipherName,
} from './lib/apis.js';
import { argStrings, viaText } from './lib/resolve.js';
import { apiShortName, siteEvidence, sitesWithValues } from './lib/sites.js';

const APIS = [...CIPHER_GET_INSTANCE, ...KEY_GENERATOR_GET_INSTANCE, ...SECRET_KEY_FACTORY_GET_INSTANCE];

/** DES keys fall to brute force, 3DES to Sweet32, RC4 to keystream biases; Blowfish and RC2 have 64-bit blocks. */
export default defineAndroidCheck({
  id: 'AND-CRYPTO-002',
  name: 'weak-cipher-algorithm',
  title: 'Broken or weak cipher algorithm',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-CRYPTO-1'], cwe: [327], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    weak: '{api}("{transformation}") in {where}: {cipher} is a broken or weak cipher{via}.',
  },
  remediation:
    'Replace DES, 3DES (DESede), RC4, Blowfish and RC2 with AES-256 in GCM mode (Cipher.getInstance("AES/GCM/NoPadding")) and a key generated in the Android Keystore; re-encrypt stored data with the new key on upgrade.',
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, APIS)) {
      const api = apiShortName(s.call.api);
      for (const r of argStrings(ctx, s, 0)) {
        const cipher = weakCipherName(parseTransformation(r.text).alg);
        if (cipher)
          report({
            messageId: 'weak',
            data: { api, transformation: r.text, where: s.where, cipher, via: viaText(r) },
            evidence: siteEvidence(ctx, s),
          });
      }
    }
  },
});
