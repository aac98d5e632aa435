import { defineAndroidCheck } from '../../audit/context.js';
import { bytesPreview, constantStrings } from './lib/apis.js';
import { argBytes, viaText } from './lib/resolve.js';
import { siteEvidence, sitesWithValues } from './lib/sites.js';

/** Constructor → [index of the key bytes, index of the algorithm] among its arguments (receiver first). */
const KEY_ARGS: Record<string, [number, number]> = {
  'Ljavax/crypto/spec/SecretKeySpec;-><init>([BLjava/lang/String;)V': [1, 2],
  'Ljavax/crypto/spec/SecretKeySpec;-><init>([BIILjava/lang/String;)V': [1, 4],
};

/** Anyone who unzips the APK has a key that is in its bytecode: everything it protects is readable. */
export default defineAndroidCheck({
  id: 'AND-CRYPTO-005',
  name: 'hard-coded-key',
  title: 'Hard-coded symmetric key',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-CRYPTO-2'], cwe: [321, 798], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    constant:
      'new SecretKeySpec({key}, "{algorithm}") in {where}: the {length}-byte key is a constant in the app{via}.',
  },
  remediation:
    'Generate the key on the device inside the Android Keystore (KeyGenerator with KeyGenParameterSpec, setUserAuthenticationRequired for payment keys) so it never exists in app memory or the APK; keys shared with the server must come from a key-agreement protocol, not from the code. Rotate every key that shipped in an APK.',
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, Object.keys(KEY_ARGS))) {
      const [keyAt, algAt] = KEY_ARGS[s.call.api];
      const algorithm = constantStrings(s.values.args[algAt]).join('|') || '?';
      for (const { bytes, via } of argBytes(ctx, s, keyAt)) {
        if (bytes.length === 0) continue;
        report({
          messageId: 'constant',
          data: {
            key: bytesPreview(bytes),
            algorithm,
            where: s.where,
            length: bytes.length,
            via: viaText({ via }),
          },
          evidence: siteEvidence(ctx, s),
        });
      }
    }
  },
});
