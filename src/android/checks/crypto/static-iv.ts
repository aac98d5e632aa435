import { defineAndroidCheck } from '../../audit/context.js';
import { bytesPreview } from './lib/apis.js';
import { argBytes, viaText } from './lib/resolve.js';
import { apiShortName, siteEvidence, sitesWithValues } from './lib/sites.js';

/** Constructor → index of the IV among its arguments (receiver first). */
const IV_ARG: Record<string, number> = {
  'Ljavax/crypto/spec/IvParameterSpec;-><init>([B)V': 1,
  'Ljavax/crypto/spec/IvParameterSpec;-><init>([BII)V': 1,
  'Ljavax/crypto/spec/GCMParameterSpec;-><init>(I[B)V': 2,
  'Ljavax/crypto/spec/GCMParameterSpec;-><init>(I[BII)V': 2,
};

/**
 * A fixed IV makes CBC deterministic (equal plaintexts, equal ciphertexts) and breaks GCM
 * completely (a reused nonce leaks the authentication key and the XOR of the plaintexts).
 */
export default defineAndroidCheck({
  id: 'AND-CRYPTO-004',
  name: 'static-iv',
  title: 'Constant or zero initialisation vector',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-CRYPTO-1'], cwe: [329, 1204], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    zero: '{api}(new byte[{length}]) in {where}: the IV is all zero bytes (never filled with random data){via}.',
    constant: '{api}({iv}) in {where}: the IV is the constant {length}-byte value {iv}{via}.',
  },
  remediation:
    'Generate a fresh IV for every encryption with SecureRandom.nextBytes (12 bytes for GCM, 16 for CBC) or let Cipher.init pick one and read it with cipher.getIV(); store it next to the ciphertext. Never reuse an IV with the same key.',
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, Object.keys(IV_ARG))) {
      for (const { bytes, via } of argBytes(ctx, s, IV_ARG[s.call.api])) {
        const data = {
          api: apiShortName(s.call.api),
          where: s.where,
          length: bytes.length,
          iv: bytesPreview(bytes),
          via: viaText({ via }),
        };
        report({
          messageId: bytes.every((b) => b === 0) ? 'zero' : 'constant',
          data,
          evidence: siteEvidence(ctx, s),
        });
      }
    }
  },
});
