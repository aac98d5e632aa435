import { defineAndroidCheck } from '../../audit/context.js';
import { CIPHER_GET_INSTANCE, parseTransformation } from './lib/apis.js';
import { argStrings, viaText } from './lib/resolve.js';
import { siteEvidence, sitesWithValues } from './lib/sites.js';

/** Textbook RSA is deterministic and malleable; PKCS#1 v1.5 encryption is open to padding-oracle attacks (Bleichenbacher). */
export default defineAndroidCheck({
  id: 'AND-CRYPTO-006',
  name: 'rsa-without-oaep',
  title: 'RSA encryption without OAEP padding',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-CRYPTO-1'], cwe: [780, 327], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    nopadding: 'Cipher.getInstance("{transformation}") in {where}: RSA with no padding (textbook RSA){via}.',
    pkcs1: 'Cipher.getInstance("{transformation}") in {where}: RSA with PKCS#1 v1.5 padding{defaulted}{via}.',
  },
  remediation:
    'Encrypt with Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding") (or hybrid encryption: an AES-GCM data key wrapped with RSA-OAEP). Signatures belong in Signature("SHA256withRSA/PSS"), not in Cipher.',
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, CIPHER_GET_INSTANCE)) {
      for (const r of argStrings(ctx, s, 0)) {
        const transformation = r.text;
        const via = viaText(r);
        const t = parseTransformation(transformation);
        if (t.alg !== 'RSA') continue;
        const evidence = siteEvidence(ctx, s);
        if (t.padding === 'NOPADDING')
          report({ messageId: 'nopadding', data: { transformation, where: s.where, via }, evidence });
        else if (t.padding === undefined || t.padding === 'PKCS1PADDING')
          report({
            messageId: 'pkcs1',
            data: {
              transformation,
              where: s.where,
              defaulted: t.padding === undefined ? ' (the default when none is named)' : '',
              via,
            },
            evidence,
          });
      }
    }
  },
});
