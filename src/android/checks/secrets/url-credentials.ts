import { defineAndroidCheck } from '../../audit/context.js';
import { evidenceFor, whereOf } from './lib/evidence.js';
import { moreText, secretsOfKind } from './lib/select.js';

/** scheme://user:password@host: the password ships with every copy of the app. */
export default defineAndroidCheck({
  id: 'AND-SECRET-004',
  name: 'url-credentials',
  title: 'Password embedded in a URL',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-STORAGE-1', 'MASVS-AUTH-1'], cwe: [798, 522], figi: ['FIGI-APP-T2.x-local'] },
  needs: ['dex'],
  messages: {
    userinfo: '{label}: user "{user}" with password {redacted} in {where}{more}.',
  },
  remediation:
    'Remove the credentials from the URL and change that password on the server. Services the app talks to should authenticate the user (OAuth2/OpenID Connect with short-lived tokens), not a shared account whose password is in the APK; basic-auth style credentials in a URL also end up in proxy and server logs.',
  run(ctx, report) {
    for (const s of secretsOfKind(ctx, ['url-credentials'])) {
      report({
        messageId: 'userinfo',
        data: {
          label: s.hit.label,
          user: s.hit.name ?? '',
          redacted: s.hit.redacted,
          where: whereOf(ctx, s.sources[0]),
          more: moreText(s.sources.length),
        },
        evidence: evidenceFor(ctx, s.sources, s.hit.redacted),
      });
    }
  },
});
