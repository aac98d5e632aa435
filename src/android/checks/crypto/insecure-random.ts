import { isDfslabError } from '../../../core/errors.js';
import { defineAndroidCheck } from '../../audit/context.js';
import { classMethods, invokesOf, methodDescriptor } from '../../dex/index.js';
import type { AuditContext } from '../../audit/context.js';
import { isNonSecurityHashLibrary } from '../shared/libraries.js';
import { apiShortName, siteEvidence, sitesWithValues, type ValueSite } from './lib/sites.js';

const RANDOM_APIS = [
  'Ljava/util/Random;-><init>()V',
  'Ljava/util/Random;-><init>(J)V',
  'Ljava/lang/Math;->random()D',
];

/** Calls that show a class does cryptography. */
const CRYPTO_PREFIXES = [
  'Ljavax/crypto/',
  'Ljava/security/MessageDigest;',
  'Ljava/security/KeyPairGenerator;',
  'Ljava/security/Signature;',
];

/** Method names that say the random value is a secret (token, OTP, PIN, nonce, salt, IV, key, password, session id). */
const SECRET_NAME =
  /token|otp|pin(?![a-z])|pincode|nonce|salt|(?:^|[^a-z])iv(?:[^a-z]|$)|secret|passw|session|(?:gen|make|create|new)[a-z]*key|key(?:gen|pair)|cipher|encrypt|crypt/i;

function methodName(descriptor: string): string {
  return descriptor.slice(descriptor.indexOf('->') + 2, descriptor.indexOf('('));
}

/** The first crypto API the class calls, if any. */
function cryptoCallOfClass(ctx: AuditContext, s: ValueSite): string | undefined {
  const code = ctx.code;
  if (!code) return undefined;
  for (const ref of classMethods(code, s.cls)) {
    const ix = code.parts[ref.part];
    for (const inv of invokesOf(ix, ref.method)) {
      let d: string;
      try {
        d = methodDescriptor(ix.dex, inv.methodIdx);
      } catch (e) {
        if (!isDfslabError(e)) throw e;
        continue;
      }
      if (CRYPTO_PREFIXES.some((p) => d.startsWith(p))) return apiShortName(d);
    }
  }
  return undefined;
}

/**
 * java.util.Random is a 48-bit LCG: two outputs reveal the state and every later value. Only
 * reported where the value looks like a secret: the method is named like one, or its class does
 * cryptography. Random for animations, jitter or sampling is not a finding.
 */
export default defineAndroidCheck({
  id: 'AND-CRYPTO-008',
  name: 'insecure-random',
  title: 'Predictable random generator used for secrets',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: ['MASVS-CRYPTO-1'], cwe: [330, 338], figi: ['FIGI-APP-T5.1'] },
  needs: ['dex'],
  messages: {
    secretName: '{api} in {where}: java.util.Random in code named like a secret ({name}).',
    cryptoClass: '{api} in {where}: java.util.Random in a class that also calls {crypto}.',
  },
  remediation:
    'Draw tokens, OTPs, PINs, salts, nonces, IVs and keys from java.security.SecureRandom (new SecureRandom(), never seeded by hand) or let the Keystore generate keys; keep java.util.Random for non-security uses only.',
  run(ctx, report) {
    for (const s of sitesWithValues(ctx, RANDOM_APIS, isNonSecurityHashLibrary)) {
      const api = apiShortName(s.call.api).replace('new Random', 'new java.util.Random');
      const method = methodName(s.mv.descriptor);
      const simpleClass = s.cls.slice(s.cls.lastIndexOf('/') + 1, -1);
      const name = SECRET_NAME.test(method)
        ? method
        : SECRET_NAME.test(simpleClass)
          ? simpleClass
          : undefined;
      if (name) {
        report({
          messageId: 'secretName',
          data: { api, where: s.where, name },
          evidence: siteEvidence(ctx, s),
        });
        continue;
      }
      const crypto = cryptoCallOfClass(ctx, s);
      if (crypto)
        report({
          messageId: 'cryptoClass',
          data: { api, where: s.where, crypto },
          evidence: siteEvidence(ctx, s),
        });
    }
  },
});
