/**
 * USSD-013: authorisation across account ids. Where a menu lets the caller type an account,
 * wallet or reference number, the probe types the second test account's and compares what comes
 * back with the caller's own view and, when its PIN is known, with the second account's own view.
 */
import { transcript, type Exchange, type Harness, type Session } from '../client.js';
import type { MenuNode } from '../crawler.js';
import { BALANCE_PATTERN, recognisePrompt } from '../screen.js';
import { defineUssdCheck, oneLine, openAt, X1456 } from './context.js';

/** A prompt that asks for an account the caller owns (not a transfer recipient). */
const ACCOUNT_PROMPT = /\b(account|wallet|reference|ref\.?\s*no|customer\s+(no|number|id)|meter)\b/i;
const RECIPIENT = /\b(recipient|receiver|beneficiary|send\s+to|to whom|pay\s+to)\b/i;
const REFUSAL =
  /\b(not allowed|only (view|see|access)|not yours|your own|denied|unauthori[sz]ed|forbidden|invalid|unknown|not found|wrong|locked|error|not permitted)\b/i;
const CREDENTIAL_CHANGE = /\b(new|confirm)\s+(new\s+)?(pin|password)\b/i;
/** At most this many account prompts are probed, and PIN prompts answered after the id. */
const MAX_PROMPTS = 3;
const MAX_PIN_HOPS = 2;

export function accountPrompts(nodes: readonly MenuNode[]): MenuNode[] {
  return nodes
    .filter((n) => {
      if (n.kind !== 'con' || (n.prompt !== 'phone' && n.prompt !== 'text')) return false;
      const last =
        n.text
          .split(/\r?\n/)
          .filter((l) => l.trim())
          .at(-1) ?? '';
      return ACCOUNT_PROMPT.test(last) && !RECIPIENT.test(n.text);
    })
    .slice(0, MAX_PROMPTS);
}

/** A screen that shows account data rather than a refusal. */
export function showsAccountData(ex: Exchange): boolean {
  const text = ex.reply.text;
  return ex.reply.kind !== 'invalid' && BALANCE_PATTERN.test(text) && !REFUSAL.test(text);
}

type Asked = { session: Session; last: Exchange };

/** As `msisdn`, walks to `node`, types `id`, then answers up to two PIN prompts with `pin`. */
async function ask(
  h: Harness,
  path: readonly string[],
  msisdn: string,
  id: string,
  pin: string,
): Promise<Asked | undefined> {
  const s = await openAt(h, path, msisdn);
  if (!s) return undefined;
  let last = await s.send(id);
  for (let i = 0; i < MAX_PIN_HOPS; i++) {
    const t = last.reply.text;
    if (last.reply.kind !== 'con' || recognisePrompt(t).kind !== 'pin' || CREDENTIAL_CHANGE.test(t)) break;
    last = await s.send(pin);
  }
  return { session: s, last };
}

export const crossAccountAccess = defineUssdCheck({
  id: 'USSD-013',
  name: 'cross-account-access',
  title: "The caller can read another subscriber's account by typing its number",
  description:
    "At every prompt that asks for an account, wallet or reference number, the probe (as the caller, with the caller's PIN) types the second test account's number and compares the screen with the caller's own account and, when the second account's PIN is supplied, with what the second subscriber sees for itself. Identical to the second subscriber's own view: another subscriber's data. Nothing moves money.",
  severity: 'high',
  confidence: 'high',
  refs: { masvs: [], cwe: [639, 862], figi: ['FIGI-SAF-C88'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-13'],
  needs: ['pin', 'peer'],
  messages: {
    otherAccount:
      "Caller {a} typed account {b} at '{path}' and was shown '{screen}': the same screen {b} gets for its own account.",
    otherAccountUnconfirmed:
      "Caller {a} typed account {b} at '{path}' and was shown '{screen}', account data that differs from the caller's own ({b}'s own view not compared: {why}).",
  },
  remediation:
    "Derive the account from the authenticated caller (the session's MSISDN and PIN), not from typed input; where a caller may name an account, check on the server that the caller owns or is mandated for it, and refuse otherwise.",
  async run({ harness, map, pin, peer, peerPin, ownAccount, peerAccount }, report) {
    if (!pin || !peer) return;
    const a = harness.target.msisdn;
    const own = ownAccount ?? a;
    const other = peerAccount ?? peer;
    for (const node of accountPrompts(map.nodes)) {
      const x = await ask(harness, node.path, a, other, pin);
      if (!x || !showsAccountData(x.last)) continue;
      const y = await ask(harness, node.path, a, own, pin);
      if (y && y.last.reply.text === x.last.reply.text) continue;
      const where = node.path.length
        ? node.path.map((p) => (p === pin ? '<PIN>' : p)).join(' > ')
        : 'main menu';
      const data = { a, b: other, path: where, screen: oneLine(x.last.reply.text, 60) };
      let z: Asked | undefined;
      if (peerPin) {
        const pathB = node.path.map((p) => (p === pin ? peerPin : p));
        z = await ask(harness, pathB, peer, other, peerPin);
      }
      if (z && showsAccountData(z.last)) {
        if (z.last.reply.text !== x.last.reply.text) continue;
        report({
          messageId: 'otherAccount',
          data,
          evidence: transcript(
            [...x.session.exchanges, ...z.session.exchanges],
            `the first session is ${a} asking for ${other}; the second is ${peer} asking for itself`,
          ),
        });
        continue;
      }
      report({
        messageId: 'otherAccountUnconfirmed',
        confidence: 'medium',
        data: { ...data, why: peerPin ? `${peer}'s own session showed no account data` : 'no PIN for it' },
        evidence: transcript(x.session.exchanges, `${a} asking for account ${other}`),
      });
    }
  },
});
