import { defineAndroidCheck } from '../../audit/context.js';
import { evidenceFor, whereOf } from './lib/evidence.js';
import { moreText, secretsOfKind } from './lib/select.js';

/**
 * Values that a name calls a password, secret, key or token: either password-like, or random
 * enough to be generated (entropy). Never reported without such a name: random strings alone
 * are hashes, ids and compressed data far more often than secrets.
 */
export default defineAndroidCheck({
  id: 'AND-SECRET-005',
  name: 'hard-coded-secret',
  title: 'Hard-coded password or secret',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-STORAGE-1', 'MASVS-CRYPTO-2'], cwe: [798, 259], figi: ['FIGI-APP-T2.x-local'] },
  needs: ['dex'],
  messages: {
    password: 'A password-like constant {redacted} named "{name}" in {where}{more}.',
    entropy:
      'A random-looking constant {redacted} named "{name}" in {where}{more}: probably a key, token or secret.',
  },
  remediation:
    'Take the value out of the app. Passwords belong to users (ask for them; verify on the server); secrets shared with a server are replaced by per-user tokens issued after login; keys used on the device are generated in the Android Keystore. Change every value found here on the server side: it has shipped.',
  run(ctx, report) {
    for (const s of secretsOfKind(ctx, ['password', 'high-entropy'])) {
      report({
        messageId: s.hit.kind === 'password' ? 'password' : 'entropy',
        data: {
          redacted: s.hit.redacted,
          name: s.hit.name ?? '?',
          where: whereOf(ctx, s.sources[0]),
          more: moreText(s.sources.length),
        },
        evidence: evidenceFor(ctx, s.sources, s.hit.redacted),
      });
    }
  },
});
