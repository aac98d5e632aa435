/** PIN handling: brute force and lockout (USSD-009), weak PINs accepted (USSD-010). */
import {
  transcript,
  type Exchange,
  type Harness,
  type Session,
  type SessionOptions,
  type UssdTarget,
} from '../client.js';
import type { MenuNode } from '../crawler.js';
import {
  defineUssdCheck,
  isPinRetry,
  LOCK_WORDING,
  oneLine,
  openAt,
  openWith,
  otherNetworkCode,
  otherServiceCode,
  pinPromptNode,
  X1456,
  type ProbeOptions,
} from './context.js';

const WRONG = /\b(wrong|incorrect|invalid)\b/i;

/** Wrong PINs of the right length that differ from `pin`. */
export function wrongPins(count: number, pin: string | undefined): string[] {
  const len = pin?.length ?? 4;
  const out: string[] = [];
  for (let d = 0; out.length < count && d < 100; d++) {
    const candidate = String((d * 7919 + 1357) % 10 ** len).padStart(len, '0');
    if (candidate !== pin && !out.includes(candidate)) out.push(candidate);
  }
  return out;
}

/** A way to reach the same account that a lockout must also cover (USSD-009 variants). */
type VariantKind = 'network' | 'serviceCode' | 'numberFormat';
type Variant = { kind: VariantKind; value: string; opts: SessionOptions };

const RESET_MESSAGE: Record<VariantKind, string> = {
  network: 'resetsOnNetworkChange',
  serviceCode: 'resetsOnServiceCodeChange',
  numberFormat: 'resetsOnNumberFormatChange',
};
const BYPASS_MESSAGE: Record<VariantKind, string> = {
  network: 'lockBypassedOnNetworkChange',
  serviceCode: 'lockBypassedOnServiceCodeChange',
  numberFormat: 'lockBypassedOnNumberFormatChange',
};

/**
 * The caller's number written another way gateways write it ('254…' without '+', or '00254…'):
 * the first that changes what goes on the wire in this dialect, else undefined.
 */
export function otherNumberFormat(target: UssdTarget): string | undefined {
  const digits = target.msisdn.replace(/^\+/, '');
  if (!/^[0-9]{6,15}$/.test(digits)) return undefined;
  const wire = (msisdn: string): string => {
    const w = target.dialect.encodeRequest({
      sessionId: 's',
      msisdn,
      serviceCode: target.serviceCode,
      network: target.network,
      history: [],
      isNew: true,
      sequence: 1,
    });
    return `${w.body ?? ''}|${w.query ?? ''}`;
  };
  const base = wire(target.msisdn);
  return [digits, `00${digits}`].find((c) => wire(c) !== base);
}

function variants(harness: Harness, probe: ProbeOptions): Variant[] {
  const t = harness.target;
  const network = probe.altNetwork ?? otherNetworkCode(t.network);
  const code = probe.altServiceCode ?? otherServiceCode(t.serviceCode);
  const number = otherNumberFormat(t);
  const out: Variant[] = [];
  if (network !== t.network) out.push({ kind: 'network', value: network, opts: { network } });
  if (code !== t.serviceCode) out.push({ kind: 'serviceCode', value: code, opts: { serviceCode: code } });
  if (number) out.push({ kind: 'numberFormat', value: number, opts: { msisdn: number } });
  return out;
}

export const pinBruteForce = defineUssdCheck({
  id: 'USSD-009',
  name: 'pin-brute-force',
  title: 'PIN guessing is not stopped by a lockout',
  description:
    'Wrong PINs are typed at the first PIN prompt, in one session and then in new ones. The account must lock after at most 3–5 failures and stay locked across sessions; the correct PIN afterwards must be refused. When it is refused, the correct PIN is tried once more in a session that claims another network (operator) code, one that dials another service code, and one that writes the number another way (254… or 00254…): the lock belongs to the account, not to the network, code or number format the gateway reports. Without the correct PIN, the same sessions get one more wrong PIN, and a plain "wrong PIN, try again" there (instead of the lock) is reported with medium confidence.',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: [], cwe: [307], figi: ['FIGI-SAF-C1'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-09'],
  messages: {
    noLockout:
      '{attempts} wrong PINs were accepted in one session and the correct PIN still worked afterwards: no lockout.',
    resetsOnNewSession:
      'The app ended the session after {perSession} wrong PINs, but a new session allowed more guesses ({attempts} in all) and the correct PIN still worked: the lockout resets with a new session.',
    resetsOnNetworkChange:
      'After {attempts} wrong PINs the correct PIN was refused on network {network}, but accepted in a new session claiming network {other}: the lockout is kept per network code, not per account.',
    resetsOnServiceCodeChange:
      'After {attempts} wrong PINs the correct PIN was refused on {code}, but accepted in a new session dialling {other}: the lockout is kept per service code, not per account.',
    resetsOnNumberFormatChange:
      "After {attempts} wrong PINs the correct PIN was refused for {msisdn}, but accepted in a new session giving the number as '{other}': the lockout is kept per number as written, not per account.",
    lockIgnoredByNewSession:
      "The app answered '{lock}' after {perSession} wrong PINs, yet a new session took more wrong PINs with a plain retry prompt ('{retry}'); correct PIN not supplied, so not confirmed.",
    lockBypassedOnNetworkChange:
      "After the lock ('{lock}') on network {network}, a session claiming network {other} answered a wrong PIN with a plain retry prompt ('{retry}'); correct PIN not supplied, so not confirmed.",
    lockBypassedOnServiceCodeChange:
      "After the lock ('{lock}') on {code}, a session dialling {other} answered a wrong PIN with a plain retry prompt ('{retry}'); correct PIN not supplied, so not confirmed.",
    lockBypassedOnNumberFormatChange:
      "After the lock ('{lock}') for {msisdn}, a session giving the number as '{other}' answered a wrong PIN with a plain retry prompt ('{retry}'); correct PIN not supplied, so not confirmed.",
    noLockSeen:
      '{attempts} wrong PINs across {sessions} sessions were answered with a new PIN prompt and no lock message (correct PIN not supplied, so not confirmed).',
  },
  remediation:
    'Count failed PINs per account on the server (not per session, network or service code), lock after 3 attempts, and keep the lock until a verified reset.',
  async run({ harness, map, pin, probe }, report) {
    const node = pinPromptNode(map);
    if (!node) return;
    const extra = variants(harness, probe);
    const all = wrongPins(probe.bruteForceAttempts + extra.length, pin);
    const guesses = all.slice(0, probe.bruteForceAttempts);
    const spare = all.slice(probe.bruteForceAttempts);
    const exs: Exchange[] = [];
    let sessions = 0;
    let firstSessionTries = 0;
    let lockEx: Exchange | undefined;
    let retryAfterLock: Exchange | undefined;
    let s: Session | undefined;
    for (const guess of guesses) {
      if (!s || s.ended) {
        s = await openAt(harness, node.path);
        sessions++;
        if (!s) break;
        exs.push(...s.exchanges);
      }
      const ex = await s.send(guess);
      exs.push(ex);
      if (sessions === 1) firstSessionTries++;
      if (!lockEx && LOCK_WORDING.test(ex.reply.text)) lockEx = ex;
      else if (lockEx && sessions > 1 && !retryAfterLock && isPinRetry(ex)) retryAfterLock = ex;
    }
    const attempts = guesses.length;
    const t = harness.target;
    const where = { network: t.network, code: t.serviceCode, msisdn: t.msisdn };
    if (pin) {
      const check = await openAt(harness, node.path);
      if (!check) return;
      const ok = await check.send(pin);
      if (!pinAccepted(ok, node)) {
        for (const v of extra) {
          const alt = await pinOn(harness, node, pin, v.opts);
          if (!alt || !pinAccepted(alt.last, node)) continue;
          const was =
            v.kind === 'network' ? where.network : v.kind === 'serviceCode' ? where.code : where.msisdn;
          report({
            messageId: RESET_MESSAGE[v.kind],
            data: { attempts, ...where, other: v.value },
            evidence: transcript(
              [...exs, ...check.exchanges, ...alt.exchanges],
              `the correct PIN was accepted with ${v.kind} ${v.value} while refused with ${was}`,
            ),
          });
        }
        return;
      }
      const evidence = transcript(
        [...exs, ...check.exchanges],
        'the correct PIN was accepted after the wrong ones',
      );
      if (firstSessionTries >= attempts) report({ messageId: 'noLockout', data: { attempts }, evidence });
      else
        report({
          messageId: 'resetsOnNewSession',
          data: { attempts, perSession: firstSessionTries },
          evidence,
        });
      return;
    }
    const last = exs.at(-1);
    if (!lockEx) {
      if (last && isPinRetry(last))
        report({
          messageId: 'noLockSeen',
          confidence: 'medium',
          data: { attempts, sessions },
          evidence: transcript(exs),
        });
      return;
    }
    const lock = oneLine(lockEx.reply.text, 50);
    if (retryAfterLock) {
      report({
        messageId: 'lockIgnoredByNewSession',
        confidence: 'medium',
        data: { lock, perSession: firstSessionTries, retry: oneLine(retryAfterLock.reply.text, 40) },
        evidence: transcript(exs, 'a wrong PIN after the lock message got a plain retry prompt'),
      });
      return;
    }
    for (const [i, v] of extra.entries()) {
      const guess = spare[i];
      if (guess === undefined) break;
      const alt = await pinOn(harness, node, guess, v.opts);
      if (!alt || !isPinRetry(alt.last)) continue;
      report({
        messageId: BYPASS_MESSAGE[v.kind],
        confidence: 'medium',
        data: { lock, ...where, other: v.value, retry: oneLine(alt.last.reply.text, 40) },
        evidence: transcript(
          [...exs, ...alt.exchanges],
          `a wrong PIN with ${v.kind} ${v.value} after the lock got a plain retry prompt`,
        ),
      });
    }
  },
});

/** The reply to the correct PIN lets the caller in (no lock, no 'wrong', not the same prompt). */
function pinAccepted(ex: Exchange, node: MenuNode): boolean {
  const text = ex.reply.text;
  return ex.reply.kind !== 'invalid' && !LOCK_WORDING.test(text) && !WRONG.test(text) && text !== node.text;
}

/** A new session (with `opts`) that types `pin` at the PIN prompt; undefined if it never got there. */
async function pinOn(
  harness: Harness,
  node: MenuNode,
  pin: string,
  opts: SessionOptions,
): Promise<{ exchanges: Exchange[]; last: Exchange } | undefined> {
  const s = await openWith(harness, node.path, opts);
  if (!s) return undefined;
  const last = await s.send(pin);
  return { exchanges: s.exchanges, last };
}

const REJECTED = /\b(weak|easy|guess|not allowed|invalid|must|too simple|choose another|common)\b/i;
const CONFIRM_PIN = /\b(confirm|re-?enter|again|repeat)\b/i;

/** Weak PIN candidates for `msisdn`: repeated, sequential, and part of the number. */
export function weakPinCandidates(msisdn: string): string[] {
  const digits = msisdn.replace(/\D/g, '');
  return [...new Set(['0000', '1234', digits.slice(-4)])];
}

export const weakPinAccepted = defineUssdCheck({
  id: 'USSD-010',
  name: 'weak-pin-accepted',
  title: 'A trivially guessable new PIN is accepted',
  description:
    "In the change-PIN flow the probe offers 0000, 1234 and the last digits of the caller's number as the new PIN. It stops at the 'confirm new PIN' step and never completes the change.",
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: [], cwe: [521], figi: ['FIGI-SAF-C1'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-10'],
  needs: ['pin'],
  messages: {
    accepted: "New PIN(s) {pins} were accepted and the app asked to confirm them (menu path '{path}').",
  },
  remediation:
    'Refuse repeated and sequential digits, years, and any part of the MSISDN or ID number when a PIN is set or changed.',
  async run({ harness, map, pin }, report) {
    if (!pin) return;
    const node = map.nodes.find(
      (n) => n.kind === 'con' && n.prompt === 'pin' && /\bnew\s+(pin|password)\b/i.test(n.text),
    );
    if (!node) return;
    const accepted: string[] = [];
    const exs: Exchange[] = [];
    for (const candidate of weakPinCandidates(harness.target.msisdn)) {
      if (candidate === pin) continue;
      const s = await openAt(harness, node.path);
      if (!s) return;
      const ex = await s.send(candidate);
      if (ex.reply.kind === 'con' && CONFIRM_PIN.test(ex.reply.text) && !REJECTED.test(ex.reply.text)) {
        accepted.push(candidate);
        if (!exs.length) exs.push(...s.exchanges);
      }
    }
    if (!accepted.length) return;
    report({
      messageId: 'accepted',
      data: { pins: accepted.join(', '), path: node.path.map((p) => (p === pin ? '<PIN>' : p)).join(' > ') },
      evidence: transcript(exs, 'the app asks to confirm a weak PIN (the confirmation was not sent)'),
    });
  },
});
