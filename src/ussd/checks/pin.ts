/** PIN handling: brute force and lockout (USSD-009), weak PINs accepted (USSD-010). */
import { transcript, type Exchange, type Session } from '../client.js';
import type { Harness } from '../client.js';
import type { MenuNode } from '../crawler.js';
import {
  defineUssdCheck,
  isPinRetry,
  LOCK_WORDING,
  openAt,
  otherNetworkCode,
  pinPromptNode,
  X1456,
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

export const pinBruteForce = defineUssdCheck({
  id: 'USSD-009',
  name: 'pin-brute-force',
  title: 'PIN guessing is not stopped by a lockout',
  description:
    'Wrong PINs are typed at the first PIN prompt, in one session and then in new ones. The account must lock after at most 3–5 failures and stay locked across sessions; the correct PIN afterwards must be refused. When it is refused, the correct PIN is tried once more in a session that claims another network (operator) code: the lock belongs to the account, not to the network the gateway reports.',
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
    noLockSeen:
      '{attempts} wrong PINs across {sessions} sessions were answered with a new PIN prompt and no lock message (correct PIN not supplied, so not confirmed).',
  },
  remediation:
    'Count failed PINs per account on the server (not per session), lock after 3 attempts, and keep the lock until a verified reset.',
  async run({ harness, map, pin, probe }, report) {
    const node = pinPromptNode(map);
    if (!node) return;
    const guesses = wrongPins(probe.bruteForceAttempts, pin);
    const exs: Exchange[] = [];
    let sessions = 0;
    let firstSessionTries = 0;
    let lockSeen = false;
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
      if (LOCK_WORDING.test(ex.reply.text)) lockSeen = true;
    }
    const attempts = guesses.length;
    if (pin) {
      const check = await openAt(harness, node.path);
      if (!check) return;
      const ok = await check.send(pin);
      if (!pinAccepted(ok, node)) {
        const other = probe.altNetwork ?? otherNetworkCode(harness.target.network);
        const alt = await correctPinOn(harness, node, pin, other);
        if (!alt) return;
        report({
          messageId: 'resetsOnNetworkChange',
          data: { attempts, network: harness.target.network, other },
          evidence: transcript(
            [...exs, ...check.exchanges, ...alt],
            `the correct PIN was accepted on network ${other} while refused on ${harness.target.network}`,
          ),
        });
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
    if (!lockSeen && last && isPinRetry(last))
      report({
        messageId: 'noLockSeen',
        confidence: 'medium',
        data: { attempts, sessions },
        evidence: transcript(exs),
      });
  },
});

/** The reply to the correct PIN lets the caller in (no lock, no 'wrong', not the same prompt). */
function pinAccepted(ex: Exchange, node: MenuNode): boolean {
  const text = ex.reply.text;
  return ex.reply.kind !== 'invalid' && !LOCK_WORDING.test(text) && !WRONG.test(text) && text !== node.text;
}

/** The exchanges of a session on `network` in which the correct PIN was accepted, else undefined. */
async function correctPinOn(
  harness: Harness,
  node: MenuNode,
  pin: string,
  network: string,
): Promise<Exchange[] | undefined> {
  const s = await openAt(harness, node.path, undefined, network);
  if (!s) return undefined;
  const ex = await s.send(pin);
  return pinAccepted(ex, node) ? s.exchanges : undefined;
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
