/**
 * FIGI DFS Security Assurance Framework (SAF, 2020/2021; standardised as ITU-T X.1150): its 17
 * threat categories, the eight X.805 security dimensions it tags vulnerabilities with, and the
 * five application best-practice categories of its section 9. Names and texts are dfslab's words.
 * The controls (C-numbers) live in figi-saf-controls.ts and are re-exported here.
 */
import type { SafBestPractice, SafThreat, SecurityDimension } from './types.js';

export * from './figi-saf-controls.js';

const threat = (n: number, name: string): SafThreat => {
  const nn = String(n).padStart(2, '0');
  return {
    id: `FIGI-SAF-T-${nn}`,
    safSection: `8.${n}`,
    x1150Clause: `13.${n}`,
    name,
    source: { source: 'SAF-2020', locator: `§8.${n}` },
  };
};

/** The 17 threat categories, in the SAF's order. The 'T-nn' numbering is dfslab's. */
export const SAF_THREATS: readonly SafThreat[] = [
  threat(1, 'Taking over accounts or sessions'),
  threat(2, 'Attacks on credentials'),
  threat(3, 'Attacks on systems and platforms'),
  threat(4, 'Exploiting flaws in code'),
  threat(5, 'Misuse of data'),
  threat(6, 'Denial of service'),
  threat(7, 'Attacks by insiders'),
  threat(8, 'Interception (man-in-the-middle) and social engineering'),
  threat(9, 'Compromise of DFS infrastructure'),
  threat(10, 'Attacks on SIM cards'),
  threat(11, 'Compromise of DFS services'),
  threat(12, 'Unauthorised access to DFS data'),
  threat(13, 'Malicious software'),
  threat(14, 'Newly found, unpatched vulnerabilities (zero-day)'),
  threat(15, 'Rogue devices'),
  threat(16, 'Unauthorised access to user handsets'),
  threat(17, 'Accidental disclosure of personal data'),
];

const X805 = { source: 'X.805' } as const;

/** The eight ITU-T X.805 security dimensions ("SD" tags in the SAF). */
export const SECURITY_DIMENSIONS: readonly SecurityDimension[] = [
  {
    id: 'access-control',
    name: 'Access control',
    summary: 'Only authorised people and systems may use a resource.',
    source: X805,
  },
  {
    id: 'authentication',
    name: 'Authentication',
    summary: 'The identity of each communicating party is proven.',
    source: X805,
  },
  {
    id: 'non-repudiation',
    name: 'Non-repudiation',
    summary: 'Evidence ties each action to its author, who cannot later deny it.',
    source: X805,
  },
  {
    id: 'data-confidentiality',
    name: 'Data confidentiality',
    summary: 'Unauthorised parties cannot read the data.',
    source: X805,
  },
  {
    id: 'communication-security',
    name: 'Communication security',
    summary: 'Information travels only between the intended endpoints, not diverted or tapped.',
    source: X805,
  },
  {
    id: 'data-integrity',
    name: 'Data integrity',
    summary: 'Data stays correct; any unauthorised change is detected.',
    source: X805,
  },
  {
    id: 'availability',
    name: 'Availability',
    summary: 'Legitimate users can reach services and data when they need them.',
    source: X805,
  },
  {
    id: 'privacy',
    name: 'Privacy',
    summary: 'What can be learnt from network use (location, activity) stays protected.',
    source: X805,
  },
];

const bp = (
  n: number,
  name: string,
  points: readonly string[],
  masvs: readonly string[],
): SafBestPractice => ({
  id: `FIGI-SAF-BP-${n}`,
  safSection: `9.${n}`,
  name,
  points,
  masvs,
  source: { source: 'SAF-2020', locator: 'pp. 42-43' },
});

/** Section 9 "template for application security best practices": five categories. */
export const SAF_BEST_PRACTICES: readonly SafBestPractice[] = [
  bp(
    1,
    'Device and application integrity',
    [
      'Favour devices that are not rooted or jailbroken, using platform services to tell.',
      'Detect changes to the app or to the OS.',
      'Strip debug and unused code from release builds.',
      'Let the server check app integrity (signature or hash).',
    ],
    ['MASVS-RESILIENCE-1', 'MASVS-RESILIENCE-2', 'MASVS-RESILIENCE-4'],
  ),
  bp(
    2,
    'Communication security and certificate handling',
    [
      'Rely on standard crypto libraries and TLS 1.2 or later end to end.',
      'Serve valid certificates with strong suites (AES-128 or better, SHA-256; AEAD such as GCM preferred).',
      'Keep certificate lifetimes to 825 days at most and plan for a CA failure.',
      'Make the client validate server certificates; pinning is advised.',
    ],
    ['MASVS-NETWORK-1', 'MASVS-NETWORK-2', 'MASVS-CRYPTO-1'],
  ),
  bp(
    3,
    'User authentication',
    [
      'Refuse guessable PINs and passwords, without forcing periodic changes.',
      'Ask for more than one factor before payments and other sensitive actions.',
      'Prefer authenticator apps to SMS codes, which SS7 attacks can intercept.',
      'Keep biometric templates in the Keystore or trusted hardware.',
    ],
    ['MASVS-AUTH-1', 'MASVS-AUTH-2', 'MASVS-AUTH-3'],
  ),
  bp(
    4,
    'Secure data handling and storage',
    [
      'Keep secrets in the Android Keystore or trusted hardware.',
      'Avoid external storage; validate whatever is read from it.',
      'Wipe secrets from caches and memory after use.',
      'Ask for few, fine-grained permissions.',
      'Embed no passwords or keys in the app.',
      'Validate input before it reaches a database (SQL injection).',
    ],
    ['MASVS-STORAGE-1', 'MASVS-STORAGE-2', 'MASVS-CRYPTO-2', 'MASVS-PRIVACY-1', 'MASVS-CODE-4'],
  ),
  bp(
    5,
    'Secure application development',
    [
      'Follow a secure-coding standard.',
      'Deliver updates securely and keep dependencies current.',
      'Have the code reviewed and tested independently.',
    ],
    ['MASVS-CODE-2', 'MASVS-CODE-3'],
  ),
];

const THREATS = new Map<string, SafThreat>(SAF_THREATS.map((t) => [t.id, t]));
const PRACTICES = new Map<string, SafBestPractice>(SAF_BEST_PRACTICES.map((b) => [b.id, b]));

/** The SAF threat with this id ('FIGI-SAF-T-01'), or undefined. */
export function safThreat(id: string): SafThreat | undefined {
  return THREATS.get(id);
}

/** The SAF section-9 best-practice category with this id ('FIGI-SAF-BP-1'), or undefined. */
export function safBestPractice(id: string): SafBestPractice | undefined {
  return PRACTICES.get(id);
}
