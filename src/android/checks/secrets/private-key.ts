import { defineAndroidCheck } from '../../audit/context.js';
import { evidenceFor, whereOf } from './lib/evidence.js';
import { moreText, secretsOfKind } from './lib/select.js';

/** A private key inside the APK is public: anyone can sign, decrypt or authenticate as its owner. */
export default defineAndroidCheck({
  id: 'AND-SECRET-001',
  name: 'hard-coded-private-key',
  title: 'Private key embedded in the app',
  severity: 'critical',
  confidence: 'high',
  refs: { masvs: ['MASVS-CRYPTO-2', 'MASVS-STORAGE-1'], cwe: [321, 798], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    pem: 'A PEM private key ({redacted}) is embedded in {where}{more}: anyone who unzips the APK has the key.',
  },
  remediation:
    'Remove the key from the APK and revoke it now (rotate the certificate or client credential it belongs to). A key that must live on the device is generated there, inside the Android Keystore (KeyPairGenerator with KeyGenParameterSpec, StrongBox when available); server-side signing keys stay on the server or in an HSM, and the app calls an authenticated API instead.',
  run(ctx, report) {
    for (const s of secretsOfKind(ctx, ['private-key'])) {
      report({
        messageId: 'pem',
        data: {
          redacted: s.hit.redacted,
          where: whereOf(ctx, s.sources[0]),
          more: moreText(s.sources.length),
        },
        evidence: evidenceFor(ctx, s.sources, s.hit.redacted),
      });
    }
  },
});
