/**
 * Known-format detectors: credentials whose shape alone says what they are. Each pattern is
 * anchored on a fixed prefix, so a miss costs one failed `indexOf`-like scan. Test-mode keys
 * (sk_test_, FLWSECK_TEST-) are not reported: they cannot move money.
 */
import type { Confidence } from '../../core/findings.js';
import { decodeJwt } from './jwt.js';
import { isPlaceholder } from './names.js';
import { redact } from './redact.js';
import type { SecretHit, SecretKind } from './types.js';

type Detector = {
  id: string;
  label: string;
  provider?: string;
  kind: SecretKind;
  /** Global regex; group 1 (or the whole match) is the secret. */
  re: RegExp;
  confidence: Confidence;
  /** Extra validation of the secret (and the full match). */
  accept?: (secret: string, text: string, index: number) => boolean;
};

/** Key material must follow the PEM header: a header alone is a constant of a PEM parser. */
const PEM_BODY_MIN = 64;
/** Documentation examples published by the providers themselves. */
const KNOWN_EXAMPLES = new Set(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']);

function notExample(secret: string): boolean {
  return !KNOWN_EXAMPLES.has(secret) && !/EXAMPLE/i.test(secret);
}

/** Not preceded by a token character (regex lookbehind is slow on long texts; this is O(1)). */
function boundaryBefore(text: string, index: number): boolean {
  return index === 0 || !/[A-Za-z0-9]/.test(text[index - 1]);
}

export const DETECTORS: readonly Detector[] = [
  {
    id: 'pem-private-key',
    label: 'PEM private key',
    kind: 'private-key',
    re: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----([\s\S]{0,16384}?)(?:-----END \1-----|$)/g,
    confidence: 'high',
    accept: (secret) => {
      const body = /-----\s*([\s\S]*?)(?:-----END|$)/.exec(secret.slice(10))?.[1] ?? '';
      const b64 = body.replace(/[\s\\n]+|Proc-Type:.*|DEK-Info:.*/g, '');
      return b64.length >= PEM_BODY_MIN && /^[A-Za-z0-9+/=]+$/.test(b64.slice(0, PEM_BODY_MIN));
    },
  },
  {
    id: 'aws-access-key-id',
    label: 'AWS access key id',
    provider: 'AWS',
    kind: 'api-key',
    re: /(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])/g,
    confidence: 'high',
    accept: (s, t, i) => boundaryBefore(t, i) && notExample(s),
  },
  {
    id: 'google-api-key',
    label: 'Google API key',
    provider: 'Google',
    kind: 'api-key',
    re: /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
    confidence: 'high',
    accept: (s, t, i) => boundaryBefore(t, i),
  },
  {
    id: 'firebase-server-key',
    label: 'Firebase Cloud Messaging server key',
    provider: 'Firebase (Google)',
    kind: 'api-key',
    re: /AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{120,}/g,
    confidence: 'high',
    accept: (s, t, i) => boundaryBefore(t, i),
  },
  {
    id: 'paystack-secret-key',
    label: 'Paystack live secret key',
    provider: 'Paystack',
    kind: 'api-key',
    re: /sk_live_[0-9a-f]{40}(?![0-9A-Za-z_])/g,
    confidence: 'high',
    accept: (s, t, i) => boundaryBefore(t, i),
  },
  {
    id: 'stripe-secret-key',
    label: 'Stripe live secret key',
    provider: 'Stripe',
    kind: 'api-key',
    re: /(?:sk|rk)_live_[0-9A-Za-z]{16,}(?![0-9A-Za-z_])/g,
    confidence: 'high',
    accept: (s, t, i) =>
      boundaryBefore(t, i) && !/^sk_live_[0-9a-f]{40}$/.test(s) && !isPlaceholder(s.slice(8)),
  },
  {
    // Other providers reuse the sk_live_ prefix for secret keys; underscores break Stripe's format
    // but not the meaning of the prefix.
    id: 'live-secret-key',
    label: 'live secret key (sk_live_ prefix)',
    provider: 'a payment provider (Stripe-style sk_live_ key)',
    kind: 'api-key',
    re: /(?:sk|rk)_live_[0-9A-Za-z]*_[0-9A-Za-z_]*(?![0-9A-Za-z_])/g,
    confidence: 'high',
    accept: (s, t, i) => boundaryBefore(t, i) && s.length >= 24 && !isPlaceholder(s.slice(8)),
  },
  {
    id: 'flutterwave-secret-key',
    label: 'Flutterwave live secret key',
    provider: 'Flutterwave',
    kind: 'api-key',
    re: /FLWSECK-[0-9A-Za-z]{12,}(?:-X)?(?![0-9A-Za-z])/g,
    confidence: 'high',
    accept: (s, t, i) => boundaryBefore(t, i),
  },
  {
    id: 'slack-token',
    label: 'Slack token',
    provider: 'Slack',
    kind: 'api-key',
    re: /xox[baprs]-[0-9A-Za-z]{6,}-[0-9A-Za-z-]{6,}/g,
    confidence: 'high',
    accept: (s, t, i) => boundaryBefore(t, i),
  },
  {
    id: 'slack-webhook',
    label: 'Slack incoming-webhook URL',
    provider: 'Slack',
    kind: 'api-key',
    re: /https:\/\/hooks\.slack\.com\/services\/T[0-9A-Za-z]{6,}\/B[0-9A-Za-z]{6,}\/[0-9A-Za-z]{16,}/g,
    confidence: 'high',
  },
  {
    id: 'github-token',
    label: 'GitHub token',
    provider: 'GitHub',
    kind: 'api-key',
    re: /(?:gh[pousr]_[0-9A-Za-z]{36}|github_pat_[0-9A-Za-z_]{60,})(?![0-9A-Za-z_])/g,
    confidence: 'high',
    accept: (s, t, i) => boundaryBefore(t, i),
  },
  {
    id: 'mailgun-api-key',
    label: 'Mailgun API key',
    provider: 'Mailgun',
    kind: 'api-key',
    re: /key-[0-9a-f]{32}(?![0-9A-Za-z])/g,
    confidence: 'medium',
    accept: (s, t, i) => boundaryBefore(t, i) && /[0-9]/.test(s.slice(4)) && /[a-f]/.test(s.slice(4)),
  },
  {
    id: 'sendgrid-api-key',
    label: 'SendGrid API key',
    provider: 'SendGrid',
    kind: 'api-key',
    re: /SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}(?![0-9A-Za-z_-])/g,
    confidence: 'high',
    accept: (s, t, i) => boundaryBefore(t, i),
  },
  {
    id: 'twilio-api-key',
    label: 'Twilio API key SID',
    provider: 'Twilio',
    kind: 'api-key',
    re: /SK[0-9a-f]{32}(?![0-9A-Za-z])/g,
    confidence: 'medium',
    accept: (s, t, i) => boundaryBefore(t, i) && /[0-9]/.test(s) && /[a-f]/.test(s.slice(2)),
  },
  {
    id: 'jwt',
    label: 'JSON Web Token',
    kind: 'jwt',
    re: /eyJ[0-9A-Za-z_-]{4,}\.eyJ[0-9A-Za-z_-]{4,}\.[0-9A-Za-z_-]*/g,
    confidence: 'high',
    accept: (s, t, i) => boundaryBefore(t, i) && decodeJwt(s) !== undefined,
  },
];

/** Cheap pre-filter: a text without any of these cannot match a known-format detector. */
export const KNOWN_PREFIX =
  /-----BEGIN|AKIA|ASIA|AIza|AAAA|_live_|FLWSECK-|xox[baprs]-|hooks\.slack|gh[pousr]_|github_pat_|key-|SG\.|SK[0-9a-f]|eyJ/;

/** Every known-format credential in `text`. */
export function scanKnownFormats(text: string): SecretHit[] {
  if (!KNOWN_PREFIX.test(text)) return [];
  const out: SecretHit[] = [];
  for (const d of DETECTORS) {
    d.re.lastIndex = 0;
    for (let m = d.re.exec(text); m; m = d.re.exec(text)) {
      const secret = m[0];
      if (d.accept && !d.accept(secret, text, m.index)) continue;
      const hit: SecretHit = {
        kind: d.kind,
        detector: d.id,
        label: d.label,
        secret,
        index: m.index,
        redacted: redactFor(d.kind, secret, m),
        confidence: d.confidence,
      };
      if (d.provider) hit.provider = d.provider;
      if (d.kind === 'jwt') {
        const info = decodeJwt(secret);
        if (info) hit.jwt = info;
      }
      out.push(hit);
    }
  }
  return out;
}

function redactFor(kind: SecretKind, secret: string, m: RegExpExecArray): string {
  if (kind === 'private-key') return `-----BEGIN ${m[1]}----- … (${secret.length} chars)`;
  return redact(secret);
}
