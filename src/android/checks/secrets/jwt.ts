import { defineAndroidCheck } from '../../audit/context.js';
import { evidenceFor, whereOf } from './lib/evidence.js';
import { moreText, secretsOfKind } from './lib/select.js';

/** A bearer token in the APK authenticates whoever replays it, until it expires (if ever). */
export default defineAndroidCheck({
  id: 'AND-SECRET-003',
  name: 'embedded-jwt',
  title: 'JSON Web Token embedded in the app',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-AUTH-1', 'MASVS-STORAGE-1'], cwe: [798], figi: ['FIGI-APP-T2.x-local'] },
  needs: ['dex'],
  messages: {
    live: 'A JWT (alg {alg}, {expiry}; claims: {claims}) is embedded in {where}{more}: anyone can replay it as a bearer token.',
    expired:
      'An expired JWT (alg {alg}, expired {exp}; claims: {claims}) is embedded in {where}{more}: no longer usable unless the server ignores exp, but it shows how the API authenticates.',
  },
  remediation:
    'Do not ship tokens in the app: obtain them at run time from your authentication server after the user logs in, keep them short-lived, and store them with the Android Keystore (EncryptedSharedPreferences). Revoke the embedded token (or the signing key, if the token never expires) and make the server reject alg "none" and tokens without exp.',
  run(ctx, report) {
    for (const s of secretsOfKind(ctx, ['jwt'])) {
      const info = s.hit.jwt;
      if (!info) continue;
      const claims = info.claims.join(', ') || '(none)';
      const data = {
        alg: info.alg,
        claims,
        where: whereOf(ctx, s.sources[0]),
        more: moreText(s.sources.length),
      };
      const evidence = evidenceFor(ctx, s.sources, s.hit.redacted);
      if (info.exp && Date.parse(info.exp) < Date.now()) {
        report({ messageId: 'expired', data: { ...data, exp: info.exp }, evidence, severity: 'medium' });
        continue;
      }
      const expiry = info.exp ? `valid until ${info.exp}` : 'no exp claim: never expires';
      report({
        messageId: 'live',
        data: { ...data, expiry: info.unsigned || /^none$/i.test(info.alg) ? `${expiry}, UNSIGNED` : expiry },
        evidence,
      });
    }
  },
});
