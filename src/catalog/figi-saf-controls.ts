/**
 * SAF security controls (C-numbers, as reused by the FIGI DFS security audit guideline). Only the
 * rows read so far are here; the full list runs to about C118/C119 and will grow with the
 * assessment module. Gists are dfslab's words; the `threats` links are dfslab's mapping.
 */
import type { AuditGroup, SafControl, SafEntity } from './types.js';

type Spec = {
  n: number;
  entities: readonly SafEntity[];
  group: AuditGroup | null;
  gist: string;
  threats: readonly number[];
  confirmed?: boolean;
  note?: string;
};

const control = (s: Spec): SafControl => {
  const c: SafControl = {
    id: `FIGI-SAF-C${s.n}`,
    number: s.n,
    entities: s.entities,
    auditGroup: s.group,
    gist: s.gist,
    threats: s.threats.map((t) => `FIGI-SAF-T-${String(t).padStart(2, '0')}`),
    confirmed: s.confirmed ?? true,
    source: { source: 'AUDIT-GL', locator: `C${s.n}` },
  };
  if (s.note) c.note = s.note;
  return c;
};

const DFS: readonly SafEntity[] = ['dfs-provider'];
const MNO: readonly SafEntity[] = ['mno'];
const THIRD: readonly SafEntity[] = ['third-party'];

export const SAF_CONTROLS: readonly SafControl[] = [
  control({
    n: 1,
    entities: DFS,
    group: 'access-control',
    gist: 'Time out idle sessions, enforce PIN/password rules on the server and lock accounts after repeated failed logins.',
    threats: [1, 2],
  }),
  control({
    n: 2,
    entities: DFS,
    group: 'access-control',
    gist: "Re-check the holder's identity (for example by biometrics) before reviving a dormant account.",
    threats: [1],
  }),
  control({
    n: 3,
    entities: DFS,
    group: 'access-control',
    gist: 'Limit use by location, e.g. switch off USSD codes while roaming or keep agents within their region.',
    threats: [1, 11],
  }),
  control({
    n: 17,
    entities: [],
    group: null,
    gist: 'Use strong, current encryption algorithms.',
    threats: [5, 12],
    confirmed: false,
    note: 'Known only from a reference in audit question 4.6.11; the row itself was not read.',
  }),
  control({
    n: 30,
    entities: DFS,
    group: 'network-security',
    gist: 'Validate input strictly on the server; block and log requests that break the interface schema.',
    threats: [4],
  }),
  control({
    n: 31,
    entities: DFS,
    group: 'fraud-detection',
    gist: 'Fingerprint databases so that tampering with stored data shows up.',
    threats: [7, 9],
  }),
  control({
    n: 32,
    entities: DFS,
    group: null,
    gist: 'Remove test data and test accounts before going live.',
    threats: [12],
  }),
  control({
    n: 33,
    entities: DFS,
    group: 'fraud-detection',
    gist: 'Record user actions in logs that cannot be altered unnoticed (e.g. a SIEM).',
    threats: [7],
  }),
  control({
    n: 43,
    entities: THIRD,
    group: 'privacy-confidentiality',
    gist: 'Secure provider-to-third-party exchanges with trusted keys and certificates that are kept secret.',
    threats: [8, 12],
  }),
  control({
    n: 44,
    entities: THIRD,
    group: 'availability',
    gist: 'Plan for downtime and offline operation, e.g. SIM swaps while the DFS system is unreliable.',
    threats: [6],
  }),
  control({
    n: 45,
    entities: DFS,
    group: 'authentication',
    gist: 'Require more than one authentication factor or mode for DFS accounts.',
    threats: [1, 2],
  }),
  control({
    n: 46,
    entities: DFS,
    group: 'access-control',
    gist: 'Delete default accounts and default credentials.',
    threats: [2, 3],
  }),
  control({
    n: 52,
    entities: MNO,
    group: 'authentication',
    gist: "Confirm the customer's identity before swapping a SIM.",
    threats: [10],
  }),
  control({
    n: 53,
    entities: MNO,
    group: 'authentication',
    gist: 'Before a SIM swap or replacement, combine factors: identity document, biometrics and account knowledge.',
    threats: [10],
  }),
  control({
    n: 54,
    entities: ['dfs-provider', 'psp'],
    group: 'authentication',
    gist: 'Spot a SIM swap or replacement (IMSI change) in real time, before processing transactions.',
    threats: [10, 1],
    note: 'The source row is truncated; the rest of the control was not read.',
  }),
  control({
    n: 87,
    entities: DFS,
    group: 'network-security',
    gist: 'Keep the keys that protect PINs, transactions, tokens and vouchers in an HSM.',
    threats: [9, 12],
  }),
  control({
    n: 88,
    entities: DFS,
    group: 'access-control',
    gist: 'Grant access by role, with the least privilege each role needs.',
    threats: [7, 12],
  }),
  control({
    n: 89,
    entities: DFS,
    group: 'access-control',
    gist: 'Switch off the accounts of users, agents, merchants and third parties who have left.',
    threats: [1, 7],
  }),
  control({
    n: 90,
    entities: DFS,
    group: 'access-control',
    gist: 'Set a dormancy period and disable accounts idle for longer.',
    threats: [1],
  }),
  control({
    n: 91,
    entities: DFS,
    group: 'fraud-detection',
    gist: 'Restrict logon hours and session counts per role.',
    threats: [1, 7],
  }),
  control({
    n: 117,
    entities: THIRD,
    group: null,
    gist: 'Pass PSPs and DFS providers only the data they need.',
    threats: [5, 17],
  }),
  control({
    n: 118,
    entities: ['dfs-provider', 'mno'],
    group: null,
    gist: 'Keep voucher codes, account numbers and credentials out of trace logs; log placeholders instead.',
    threats: [5, 7, 17],
    note: 'The source says "providers" without naming which; dfslab reads it as DFS providers and MNOs.',
  }),
];

const BY_ID = new Map<string, SafControl>(SAF_CONTROLS.map((c) => [c.id, c]));

/** The SAF control with this id ('FIGI-SAF-C1'), or undefined. */
export function safControl(id: string): SafControl | undefined {
  return BY_ID.get(id);
}
