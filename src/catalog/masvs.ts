/**
 * OWASP MASVS v2.1.0: the eight control groups and their 24 controls. Ids are MASVS's; the
 * statements are dfslab's own short paraphrases of each control's intent.
 */
import type { MasvsControl, MasvsGroup, SourceRef } from './types.js';

export const MASVS_SOURCE: SourceRef = { source: 'MASVS', locator: 'v2.1.0' };

/** The eight groups in MASVS order (ids match core's `MASVS_AREAS`). */
export const MASVS_GROUPS: readonly MasvsGroup[] = [
  { id: 'STORAGE', group: 'MASVS-STORAGE', summary: 'Protecting sensitive data kept on the device.' },
  { id: 'CRYPTO', group: 'MASVS-CRYPTO', summary: 'Choosing, using and managing cryptography and keys.' },
  { id: 'AUTH', group: 'MASVS-AUTH', summary: 'Proving who the user is and what they may do.' },
  { id: 'NETWORK', group: 'MASVS-NETWORK', summary: 'Protecting data on its way to and from servers.' },
  {
    id: 'PLATFORM',
    group: 'MASVS-PLATFORM',
    summary: 'Safe use of OS features: IPC, WebViews and the user interface.',
  },
  {
    id: 'CODE',
    group: 'MASVS-CODE',
    summary: 'Code hygiene: platform level, updates, dependencies and input handling.',
  },
  {
    id: 'RESILIENCE',
    group: 'MASVS-RESILIENCE',
    summary: 'Making reverse engineering and tampering harder.',
  },
  {
    id: 'PRIVACY',
    group: 'MASVS-PRIVACY',
    summary: 'Respecting user privacy: minimal data, transparency, user control.',
  },
];

const c = (id: string, statement: string, since?: string): MasvsControl => {
  const area = id.split('-')[1] as MasvsControl['area'];
  return since
    ? { id, area, statement, since, source: MASVS_SOURCE }
    : { id, area, statement, source: MASVS_SOURCE };
};

export const MASVS_CONTROLS: readonly MasvsControl[] = [
  c('MASVS-STORAGE-1', 'Sensitive data kept on the device is protected at rest.'),
  c(
    'MASVS-STORAGE-2',
    'Sensitive data does not escape via logs, backups, clipboard, caches or shared files.',
  ),
  c('MASVS-CRYPTO-1', 'Only current, strong primitives are used, with sound modes, IVs and randomness.'),
  c('MASVS-CRYPTO-2', 'Keys are generated, kept and retired properly; none are embedded in the app.'),
  c(
    'MASVS-AUTH-1',
    'Server sessions and tokens follow established authentication and authorisation schemes.',
  ),
  c('MASVS-AUTH-2', 'On-device PIN or biometric checks follow platform guidance and resist local bypass.'),
  c('MASVS-AUTH-3', 'Risky operations ask the user to authenticate again (step-up).'),
  c('MASVS-NETWORK-1', 'All traffic uses up-to-date TLS with the server identity properly checked.'),
  c(
    'MASVS-NETWORK-2',
    "Connections to the developer's own servers accept only the expected certificate or key.",
  ),
  c('MASVS-PLATFORM-1', 'Intents, exported components, content providers and deep links are safe to call.'),
  c('MASVS-PLATFORM-2', 'WebViews are configured narrowly and load only what they should.'),
  c(
    'MASVS-PLATFORM-3',
    'Screens do not expose secrets through screenshots, overlays, keyboards or notifications.',
  ),
  c('MASVS-CODE-1', 'The minimum OS level is recent enough to carry current security fixes.'),
  c('MASVS-CODE-2', 'The provider can make users move to a fixed release (forced update).'),
  c('MASVS-CODE-3', 'Bundled libraries and SDKs have no publicly known vulnerabilities.'),
  c('MASVS-CODE-4', 'Data from outside the app is checked and neutralised before use.'),
  c('MASVS-RESILIENCE-1', 'The app notices a rooted, emulated or otherwise altered OS.'),
  c('MASVS-RESILIENCE-2', 'The app notices when its own code or signature has been changed.'),
  c('MASVS-RESILIENCE-3', 'Obfuscation and similar measures slow down reading the shipped code.'),
  c('MASVS-RESILIENCE-4', 'Debuggers, hooking and instrumentation are detected or hindered.'),
  c(
    'MASVS-PRIVACY-1',
    'Only the personal data, permissions and device resources truly needed are used.',
    '2.1.0',
  ),
  c(
    'MASVS-PRIVACY-2',
    'Identifiers and tracking that could single out the user are kept to a minimum.',
    '2.1.0',
  ),
  c('MASVS-PRIVACY-3', 'Users are told plainly what is collected and for what purpose.', '2.1.0'),
  c('MASVS-PRIVACY-4', 'Users can see, change and delete their data and withdraw consent.', '2.1.0'),
];

const BY_ID = new Map<string, MasvsControl>(MASVS_CONTROLS.map((m) => [m.id, m]));

/** The MASVS control with this id ('MASVS-NETWORK-1'), or undefined. */
export function masvsControl(id: string): MasvsControl | undefined {
  return BY_ID.get(id);
}
