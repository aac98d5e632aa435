/** What every USSD check receives, and helpers the checks share. */
import { checkDefiner } from '../../core/check.js';
import type { ExternalReference } from '../../core/findings.js';
import { Session, type Exchange, type Harness, type SessionOptions } from '../client.js';
import type { SimSwapMock } from '../camara-mock.js';
import type { MenuMap, MenuNode } from '../crawler.js';
import { recognisePrompt } from '../screen.js';

export type ProbeOptions = {
  /** Wrong PINs the brute-force probe types (default 5). */
  bruteForceAttempts: number;
  /** p95 hop latency above this is a finding (default: the gateway's 15 s hop limit). */
  latencyP95Ms: number;
  /** USSD-014: how long to leave a session idle before resuming it (the check needs this fact). */
  idleWaitMs?: number;
  /** USSD-009: the other network code to try after a lockout (default: `otherNetworkCode`). */
  altNetwork?: string;
  /** USSD-009: the other service code to try after a lockout (default: `otherServiceCode`). */
  altServiceCode?: string;
  /** USSD-023: fresh sessions sampled per screen that shows app-issued state (default 4). */
  tokenSamples?: number;
  /** USSD-020: probe which TLS versions an https callback accepts (default true). */
  tlsProbe?: boolean;
};

export type UssdContext = {
  harness: Harness;
  map: MenuMap;
  /** The tester's PIN for the scanned number, when supplied. */
  pin?: string;
  /** A second test account (recipient, spoofed caller). */
  peer?: string;
  /** The second account's PIN, when supplied (USSD-013 compares with its own view). */
  peerPin?: string;
  /** Account / wallet ids to type for the caller and the peer (default: their numbers). */
  ownAccount?: string;
  peerAccount?: string;
  /** Facts checks add for the report (e.g. the TLS versions USSD-020 probed). */
  facts: Record<string, unknown>;
  /** The tester declared the target a test system: money may move. */
  testSystem: boolean;
  probe: ProbeOptions;
  /** USSD-018: the mock CAMARA SIM Swap API the target's backend was pointed at. */
  simSwap?: SimSwapMock;
};

export const defineUssdCheck = checkDefiner<UssdContext>();

export const X1456: ExternalReference = {
  name: 'ITU-T X.1456 (USSD/STK DFS security)',
  url: 'https://www.itu.int/rec/T-REC-X.1456',
};

const CREDENTIAL_CHANGE = /\b(new|confirm)\s+(new\s+)?(pin|password)\b/i;

/** The first PIN prompt that checks the current PIN (not a PIN-change step), before any PIN. */
export function pinPromptNode(map: MenuMap): MenuNode | undefined {
  return map.nodes.find(
    (n) => n.kind === 'con' && n.prompt === 'pin' && !n.afterPin && !CREDENTIAL_CHANGE.test(n.text),
  );
}

/**
 * Another service code of the same shape: the last number group plus one ('*384*123#' →
 * '*384*124#'); a code without digits gets '*1' appended.
 */
export function otherServiceCode(code: string): string {
  const m = /^(.*?)(\d+)(\D*)$/.exec(code);
  if (!m) return `${code}*1`;
  const n = m[2];
  const next = String((Number(n) + 1) % 10 ** n.length).padStart(n.length, '0');
  return `${m[1]}${next}${m[3]}`;
}

/** A replay of `path` in a new session, or undefined when the session ended early. */
export function openAt(
  h: Harness,
  path: readonly string[],
  msisdn?: string,
  network?: string,
): Promise<Session | undefined> {
  return openWith(h, path, { ...(msisdn ? { msisdn } : {}), ...(network ? { network } : {}) });
}

/** `openAt` with any session option (another service code, network or caller). */
export async function openWith(
  h: Harness,
  path: readonly string[],
  opts: SessionOptions,
): Promise<Session | undefined> {
  const s = new Session(h, opts);
  await s.start();
  for (const input of path) {
    if (s.ended) return undefined;
    await s.send(input);
  }
  return s.ended ? undefined : s;
}

export const LOCK_WORDING = /\b(lock(ed)?|block(ed)?|suspend(ed)?|too many|disabled|try again later)\b/i;

/** A reply that asks for the PIN again, or says it was wrong, without locking. */
export function isPinRetry(ex: Exchange): boolean {
  return (
    ex.reply.kind === 'con' &&
    recognisePrompt(ex.reply.text).kind === 'pin' &&
    !LOCK_WORDING.test(ex.reply.text)
  );
}

/**
 * A plausible other network code: an MCC-MNC gets the next MNC of the same country
 * ('63902' → '63903'), anything else (an operator name) a fixed test name.
 */
export function otherNetworkCode(network: string): string {
  const m = /^(\d{3})(\d{2,3})$/.exec(network);
  if (!m) return network === 'dfslab-other' ? 'dfslab-other-2' : 'dfslab-other';
  const mnc = m[2];
  const next = (Number(mnc) + 1) % 10 ** mnc.length;
  return `${m[1]}${String(next).padStart(mnc.length, '0')}`;
}

export function oneLine(s: string, max = 80): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
