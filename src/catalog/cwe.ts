/**
 * The CWE entries that dfslab's Android, USSD and SIM-OTA checks cite. Numbers are MITRE's;
 * the labels are short names in our words (standard terms such as 'SQL injection' kept).
 * Source: MITRE CWE (https://cwe.mitre.org/).
 */
import type { CweEntry, SourceRef } from './types.js';

export const CWE_SOURCE: SourceRef = { source: 'CWE' };

export const CWE_ENTRIES: readonly CweEntry[] = [
  { id: 15, name: 'System setting controllable from outside' },
  { id: 20, name: 'Input not properly validated' },
  { id: 22, name: 'Path traversal' },
  { id: 78, name: 'OS command injection' },
  { id: 89, name: 'SQL injection' },
  { id: 94, name: 'Code injection' },
  { id: 114, name: 'Code or library loaded from an untrusted place (process control)' },
  { id: 200, name: 'Sensitive information exposed to an unauthorised party' },
  { id: 209, name: 'Error message reveals sensitive information' },
  { id: 212, name: 'Sensitive data not removed before storage or transfer' },
  { id: 250, name: 'Runs with more privilege than needed' },
  { id: 259, name: 'Password hard-coded in the product' },
  { id: 276, name: 'Too-permissive default permissions' },
  { id: 287, name: 'Authentication flawed or bypassable' },
  { id: 290, name: 'Authentication bypassed by spoofing' },
  { id: 294, name: 'Authentication bypassed by capture and replay' },
  { id: 295, name: 'Certificate not properly validated' },
  { id: 297, name: 'Certificate accepted for the wrong host' },
  { id: 306, name: 'No authentication for a critical function' },
  { id: 307, name: 'Unlimited authentication attempts' },
  { id: 308, name: 'Single-factor authentication' },
  { id: 311, name: 'Sensitive data not encrypted' },
  { id: 312, name: 'Sensitive data stored in cleartext' },
  { id: 319, name: 'Sensitive data sent in cleartext' },
  { id: 321, name: 'Cryptographic key hard-coded in the product' },
  { id: 326, name: 'Encryption too weak' },
  { id: 327, name: 'Broken or risky cryptographic algorithm' },
  { id: 328, name: 'Weak hash function' },
  { id: 329, name: 'Predictable IV with CBC mode' },
  { id: 330, name: 'Values not random enough' },
  { id: 335, name: 'PRNG seeded incorrectly' },
  { id: 336, name: 'Same seed used for every PRNG run' },
  { id: 338, name: 'PRNG not fit for cryptography' },
  { id: 345, name: 'Data authenticity not sufficiently verified' },
  { id: 347, name: 'Cryptographic signature not properly verified' },
  { id: 353, name: 'No integrity check supported' },
  { id: 362, name: 'Race condition on a shared resource' },
  { id: 367, name: 'Time-of-check to time-of-use race' },
  { id: 384, name: 'Session fixation' },
  { id: 400, name: 'Resource consumption not controlled' },
  { id: 489, name: 'Debug code left active' },
  { id: 494, name: 'Code downloaded without an integrity check' },
  { id: 502, name: 'Untrusted data deserialised' },
  { id: 521, name: 'Weak password or PIN rules' },
  { id: 522, name: 'Credentials insufficiently protected' },
  { id: 530, name: 'Backup file exposed to the wrong party' },
  { id: 532, name: 'Sensitive information written to a log' },
  { id: 540, name: 'Sensitive information inside the shipped code' },
  { id: 549, name: 'Password field not masked' },
  { id: 598, name: 'Sensitive data in GET query strings' },
  { id: 602, name: 'Server-side security enforced only on the client' },
  { id: 603, name: 'Authentication done on the client' },
  { id: 613, name: 'Sessions do not expire soon enough' },
  { id: 639, name: 'Authorisation bypass via a user-controlled key' },
  { id: 668, name: 'Resource exposed to the wrong sphere' },
  { id: 693, name: 'Protection mechanism fails' },
  { id: 732, name: 'Wrong permissions on a critical resource' },
  { id: 749, name: 'Dangerous method or function exposed' },
  { id: 757, name: 'Downgrade to a weaker algorithm during negotiation' },
  { id: 770, name: 'Resources allocated without limit or throttling' },
  { id: 780, name: 'RSA used without OAEP padding' },
  { id: 798, name: 'Hard-coded credentials' },
  { id: 799, name: 'Interaction frequency not controlled' },
  { id: 829, name: 'Functionality included from an untrusted source' },
  { id: 837, name: 'Single-use action can be repeated' },
  { id: 841, name: 'Required workflow order not enforced' },
  { id: 862, name: 'Authorisation check missing' },
  { id: 916, name: 'Password hash too cheap to compute' },
  { id: 918, name: 'Server-side request forgery (SSRF)' },
  { id: 921, name: 'Sensitive data in storage without access control' },
  { id: 922, name: 'Sensitive information stored insecurely' },
  { id: 924, name: 'Message integrity not enforced in transit' },
  { id: 925, name: 'Broadcast receiver does not verify the intent' },
  { id: 926, name: 'Android component exported improperly' },
  { id: 927, name: 'Implicit intent used for sensitive data' },
  { id: 939, name: 'Custom URL scheme handler does not check who calls it' },
  { id: 940, name: 'Source of a communication channel not verified' },
  { id: 1021, name: 'UI layers or frames not restricted (tapjacking, overlays)' },
  { id: 1104, name: 'Unmaintained third-party component' },
  { id: 1188, name: 'Resource initialised with an insecure default' },
  { id: 1204, name: 'Weak initialisation vector' },
  { id: 1240, name: 'Cryptographic primitive with a risky implementation' },
  { id: 1390, name: 'Authentication scheme too weak' },
  { id: 1391, name: 'Weak or default credentials accepted' },
];

const BY_ID = new Map<number, CweEntry>(CWE_ENTRIES.map((e) => [e.id, e]));

/** Parses 319, '319' or 'CWE-319' to 319; undefined for anything else. */
export function cweNumber(ref: number | string): number | undefined {
  if (typeof ref === 'number') return Number.isInteger(ref) && ref > 0 ? ref : undefined;
  const m = /^(?:CWE-)?([1-9][0-9]{0,5})$/i.exec(ref.trim());
  return m ? Number(m[1]) : undefined;
}

/** The catalogue entry for a CWE (319, '319' or 'CWE-319'), or undefined if not catalogued. */
export function cweEntry(ref: number | string): CweEntry | undefined {
  const n = cweNumber(ref);
  return n === undefined ? undefined : BY_ID.get(n);
}

/** Our short label for a catalogued CWE, or undefined. */
export function cweName(ref: number | string): string | undefined {
  return cweEntry(ref)?.name;
}
