/**
 * Fake credentials for tests, assembled at run time so that no credential-shaped literal sits in
 * the repository (secret scanners would flag the source, and rightly so). Deterministic.
 */

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEXD = '0123456789abcdef';

/** `n` pseudo-random characters of `alphabet` from a fixed seed (xorshift). */
export function fakeChars(n: number, alphabet = ALNUM, seed = 7): string {
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

export const fakeHex = (n: number, seed = 11): string => fakeChars(n, HEXD, seed);
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** One fake credential per known format (prefixes split so they are not literals). */
export const FAKE = {
  aws: 'AK' + 'IA' + fakeChars(16, UPPER_DIGITS, 3),
  google: 'AI' + 'za' + fakeChars(35, ALNUM + '_-', 5),
  stripe: 'sk' + '_live_' + fakeChars(24, ALNUM, 9),
  stripeRestricted: 'rk' + '_live_' + fakeChars(30, ALNUM, 10),
  stripeTest: 'sk' + '_test_' + fakeChars(24, ALNUM, 9),
  paystack: 'sk' + '_live_' + fakeHex(40, 12),
  flutterwave: 'FLW' + 'SECK-' + fakeHex(32, 13) + '-X',
  slack: 'xo' + 'xb-' + fakeChars(11, '0123456789', 14) + '-' + fakeChars(24, ALNUM, 15),
  github: 'gh' + 'p_' + fakeChars(36, ALNUM, 16),
  mailgun: 'ke' + 'y-' + fakeHex(32, 17),
  sendgrid: 'S' + 'G.' + fakeChars(22, ALNUM, 18) + '.' + fakeChars(43, ALNUM, 19),
  twilioSk: 'S' + 'K' + fakeHex(32, 20),
  fcm: 'AA' + 'AA' + fakeChars(7, ALNUM, 21) + ':' + 'APA' + '91b' + fakeChars(134, ALNUM, 22),
  /** The demo wallet's planted fake key (samples/demo-wallet/README.md, W8). */
  demoWallet: 'sk' + '_live_DFSLAB_DEMO_NOT_A_REAL_KEY_4f7Qx9Lm2Vb8Rt6K',
};

/** A PEM private key block with a fake (random) body. */
export function fakePem(type = 'RSA ', lines = 6, eol = '\n'): string {
  const body = Array.from({ length: lines }, (_, i) => fakeChars(64, ALNUM + '+/', 30 + i)).join(eol);
  return `-----BEGIN ${type}PRIV` + `ATE KEY-----${eol}${body}${eol}-----END ${type}PRIV` + `ATE KEY-----`;
}

function b64url(o: unknown): string {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

/** A syntactically valid (unverifiable) JWT. */
export function fakeJwt(payload: Record<string, unknown>, alg = 'HS256'): string {
  return `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}.${alg === 'none' ? '' : fakeChars(43, ALNUM + '_-', 40)}`;
}
