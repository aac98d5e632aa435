/**
 * The secrets scanner: known formats first (their shape is proof enough), then credentials in
 * URLs, then `name = value` assignments and high-entropy values — the last two ONLY when a name
 * (variable, JSON key, resource name) says the value is a secret.
 */
import { assignmentMatches } from './assignments.js';
import { scanKnownFormats } from './detectors.js';
import { looksRandom } from './entropy.js';
import {
  UUID,
  isPlaceholder,
  looksLikeCodeOrLabel,
  nameWords,
  secretNameKind,
  type SecretNameKind,
} from './names.js';
import { redact } from './redact.js';
import type { SecretHit } from './types.js';
import { extractUrls } from './urls.js';

const MIN_PASSWORD = 4;
/** Printable ASCII without spaces: translated UI text is not a password. */
/** Algorithm, mode and charset names: constants next to password code, never passwords. */
const ALGORITHM_OR_CHARSET =
  /^(UTF-?(8|16\w*|32)|ISO-?8859-\d+|US-ASCII|windows-\d+|SHA-?\d+|SHA\d+with\w+|MD5|Hmac\w+|PBKDF2\w*|AES|DES|DESede|RSA|EC|Blowfish|ChaCha20\w*)([/-]\w+)*$/i;
const PASSWORD_CHARS = /^[\x21-\x7e]+$/;
const MAX_VALUE = 256;

/** `user:password@` in URLs, where the password is a literal (not '%s', '{pass}', 'password'). */
export function scanUrlCredentials(text: string): SecretHit[] {
  const out: SecretHit[] = [];
  for (const u of extractUrls(text)) {
    if (!u.userinfo) continue;
    const { user, password } = u.userinfo;
    if (
      password.length < 1 ||
      isPlaceholder(password) ||
      /^[$%{]|[{}]/.test(password) ||
      /^[$%{]|[{}]/.test(user)
    )
      continue;
    if (/^(user(name)?|login|pass(word)?|pwd)$/i.test(password)) continue;
    const index = u.index + u.url.indexOf(`:${password}@`) + 1;
    out.push({
      kind: 'url-credentials',
      detector: 'url-userinfo',
      label: `password in a ${u.scheme}:// URL for ${u.host}`,
      secret: password,
      index,
      redacted: redact(password),
      confidence: 'high',
      name: user,
    });
  }
  return out;
}

/** Pre-filter for ASSIGNMENT (assignments.ts): one of the name words must be in the text. */
const ASSIGNMENT_HINT = /pass|pwd|pswd|secret|key|token|bearer|credential|authorization/i;

/** Named credentials of payment/cloud providers whose values have no recognisable shape. */
function providerByName(
  name: string,
  value: string,
): Pick<SecretHit, 'kind' | 'detector' | 'label' | 'provider'> | undefined {
  const words = nameWords(name).join('_');
  if (/mpesa|m_pesa|daraja|safaricom|lipa_?na|lnm/.test(words)) {
    return {
      kind: 'api-key',
      detector: 'mpesa-daraja-credential',
      label: `M-Pesa Daraja credential '${name}'`,
      provider: 'M-Pesa Daraja (Safaricom)',
    };
  }
  if (/consumer_?(key|secret)/.test(words)) {
    return {
      kind: 'api-key',
      detector: 'oauth-consumer-credential',
      label: `OAuth consumer credential '${name}'`,
      provider: 'OAuth consumer key/secret',
    };
  }
  if (/aws|secret_?access_?key/.test(words) && /^[A-Za-z0-9/+]{40}$/.test(value)) {
    return {
      kind: 'api-key',
      detector: 'aws-secret-access-key',
      label: `AWS secret access key '${name}'`,
      provider: 'AWS',
    };
  }
  if (/twilio/.test(words) || (/auth_?token/.test(words) && /^[0-9a-f]{32}$/.test(value))) {
    return {
      kind: 'api-key',
      detector: 'twilio-auth-token',
      label: `Twilio-style auth token '${name}'`,
      provider: 'Twilio',
    };
  }
  if (/flutterwave|paystack|stripe|mailgun|sendgrid/.test(words)) {
    const p = /flutterwave|paystack|stripe|mailgun|sendgrid/.exec(words)?.[0] ?? '';
    return {
      kind: 'api-key',
      detector: 'named-provider-secret',
      label: `${p} credential '${name}'`,
      provider: p[0].toUpperCase() + p.slice(1),
    };
  }
  return undefined;
}

/** Judges one value against the name that labels it. */
export function judgeNamedValue(
  value: string,
  name: string,
  kindOfName?: SecretNameKind,
): Omit<SecretHit, 'index'> | undefined {
  const kind = kindOfName ?? secretNameKind(name);
  if (!kind) return undefined;
  let v = value;
  if (kind === 'token' && /^bearer\s+/i.test(v)) v = v.replace(/^bearer\s+/i, '');
  if (v.length < MIN_PASSWORD || v.length > MAX_VALUE || isPlaceholder(v) || UUID.test(v)) return undefined;
  if (/^(https?|wss?|ftp|file|content|android\.resource):/i.test(v)) return undefined;
  if (ALGORITHM_OR_CHARSET.test(v)) return undefined;
  if (looksRandom(v)) {
    const provider = providerByName(name, v);
    if (provider) return { ...provider, secret: v, redacted: redact(v), confidence: 'medium', name };
    return {
      kind: 'high-entropy',
      detector: 'entropy-with-context',
      label: `high-entropy value named '${name}'`,
      secret: v,
      redacted: redact(v),
      confidence: 'medium',
      name,
    };
  }
  if (kind !== 'password') return undefined; // keys and tokens must look random
  if (!PASSWORD_CHARS.test(v) || looksLikeCodeOrLabel(v)) return undefined;
  // Passwords people hard-code have a digit or a symbol; words with hyphens/apostrophes are text.
  if (!/[0-9]/.test(v) && !(/[!@#$%^&*+=?~_]/.test(v) && /[A-Za-z]/.test(v))) return undefined;
  // Pure lower-case words are more often key names than passwords ('remember_me', 'login').
  if (/^[a-z]+$/.test(v)) return undefined;
  // A label ('Password:', 'Enter PIN') rather than a value.
  if (/^[A-Za-z][A-Za-z ]*[:.?!*]?$/.test(v)) return undefined;
  return {
    kind: 'password',
    detector: 'password-assignment',
    label: `password-like value named '${name}'`,
    secret: v,
    redacted: redact(v),
    confidence: 'medium',
    name,
  };
}

/** `name = value` assignments in a text whose name says secret and whose value passes judgeNamedValue. */
export function scanAssignments(text: string): SecretHit[] {
  if (!ASSIGNMENT_HINT.test(text)) return [];
  const out: SecretHit[] = [];
  for (const m of assignmentMatches(text)) {
    const name = m[1];
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    const hit = judgeNamedValue(value, name);
    if (!hit) continue;
    out.push({ ...hit, index: m.index + m[0].lastIndexOf(value) });
  }
  return out;
}

/**
 * Every secret in a free text (an asset, a resource value, a DEX string): known formats, URL
 * credentials, assignments. Overlapping hits keep the first (most specific) detector's.
 */
export function scanText(text: string): SecretHit[] {
  const hits = [...scanKnownFormats(text), ...scanUrlCredentials(text), ...scanAssignments(text)];
  if (hits.length < 2) return hits;
  const kept: SecretHit[] = [];
  for (const h of hits) {
    const end = h.index + h.secret.length;
    if (kept.some((k) => h.index < k.index + k.secret.length && k.index < end)) continue;
    kept.push(h);
  }
  return kept.sort((a, b) => a.index - b.index);
}

/**
 * A whole string constant judged by the names around it (the field it is stored in, the key it
 * is put under, the resource it is). Known formats are NOT checked here: use scanText.
 */
export function scanNamedValue(value: string, names: readonly string[]): SecretHit | undefined {
  for (const name of names) {
    const hit = judgeNamedValue(value, name);
    if (hit) return { ...hit, index: 0 };
  }
  return undefined;
}
