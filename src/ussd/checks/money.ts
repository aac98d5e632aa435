/**
 * Money movement: amount edge cases (USSD-012, stops before the confirmation), and the
 * --test-system probes that really move test money: replay of a completed transaction hop
 * (USSD-004) and concurrent sessions double-spending (USSD-016).
 */
import { Session, transcript, type Exchange, type Harness } from '../client.js';
import type { MenuMap, MenuNode } from '../crawler.js';
import { BALANCE_PATTERN, recognisePrompt } from '../screen.js';
import { defineUssdCheck, oneLine, openAt, X1456 } from './context.js';

/** The amount prompt of the first flow that continues to a PIN prompt and then a confirmation. */
export function moneyFlow(map: MenuMap, pin?: string): { amount: MenuNode; confirm?: MenuNode } | undefined {
  for (const n of map.nodes) {
    if (n.kind !== 'con' || n.prompt !== 'amount' || n.afterPin) continue;
    const pinNode = n.children.find((c) => c.kind === 'con' && c.prompt === 'pin');
    if (!pinNode) continue;
    const confirm = pin
      ? pinNode.children.find((c) => c.kind === 'con' && c.prompt === 'confirm')
      : undefined;
    return confirm ? { amount: n, confirm } : { amount: n };
  }
  return undefined;
}

/** The first amount on a balance screen ('KES 10,000.00' → 10000), or undefined. */
export function parseBalance(text: string): number | undefined {
  const m = BALANCE_PATTERN.exec(text);
  if (!m) return undefined;
  const num = /-?[0-9][0-9,]*(\.[0-9]{1,2})?/.exec(m[0].slice(m[0].search(/-?[0-9]/)));
  return num ? Number(num[0].replace(/,/g, '')) : undefined;
}

/** Reads the balance through the first balance path of the crawl (typing the PIN when asked). */
async function readBalance(
  h: Harness,
  map: MenuMap,
): Promise<{ value: number; exchanges: Exchange[] } | undefined> {
  const node = map.nodes.find(
    (n) => n.kind === 'end' && BALANCE_PATTERN.test(n.text) && /balance/i.test(n.text),
  );
  if (!node) return undefined;
  const s = new Session(h);
  await s.start();
  for (const input of node.path) {
    if (s.ended) break;
    await s.send(input);
  }
  const value = s.last ? parseBalance(s.last.reply.text) : undefined;
  return value === undefined ? undefined : { value, exchanges: s.exchanges };
}

const SUCCESS = /\b(sent|success(ful)?|completed|bought|paid|transferred)\b/i;
const FAILURE =
  /\b(insufficient|failed|error|declined|cancel(l)?ed|invalid|ended|expired|not found|locked)\b/i;

function isSuccess(ex: Exchange): boolean {
  return ex.reply.kind === 'end' && SUCCESS.test(ex.reply.text) && !FAILURE.test(ex.reply.text);
}

export const EDGE_AMOUNTS: readonly string[] = ['0', '-1', '1e9', '100.999', '99999999'];

export const amountEdgeCases = defineUssdCheck({
  id: 'USSD-012',
  name: 'amount-edge-cases',
  title: 'Zero, negative, exponent or oversized amounts are accepted',
  description:
    'At the amount prompt of a money flow the probe types 0, -1, 1e9, 100.999 and 99999999 (above any test balance). Each must be refused at the amount step. The probe stops at the next screen and never confirms.',
  severity: 'high',
  confidence: 'medium',
  refs: { masvs: [], cwe: [20, 841], figi: ['FIGI-SAF-C30'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-12'],
  messages: { accepted: "Amounts {amounts} were accepted at '{path}' (the app moved on to '{screen}')." },
  remediation:
    'Accept only positive whole amounts (or two decimals) within the product limits and the available balance, checked again when the transaction executes.',
  async run({ harness, map }, report) {
    const flow = moneyFlow(map);
    if (!flow) return;
    const next = flow.amount.children.find((c) => c.kind === 'con' && c.prompt === 'pin');
    if (!next) return;
    const accepted: string[] = [];
    let evidence: Exchange[] = [];
    for (const amount of EDGE_AMOUNTS) {
      const s = await openAt(harness, flow.amount.path);
      if (!s) return;
      const ex = await s.send(amount);
      if (
        ex.reply.kind === 'con' &&
        recognisePrompt(ex.reply.text).kind === 'pin' &&
        ex.reply.text === next.text
      ) {
        accepted.push(amount);
        if (!evidence.length) evidence = s.exchanges;
      }
    }
    if (!accepted.length) return;
    report({
      messageId: 'accepted',
      data: {
        amounts: accepted.join(', '),
        path: flow.amount.path.join(' > '),
        screen: oneLine(next.text, 40),
      },
      evidence: transcript(evidence, `amount ${accepted[0]} accepted; the probe stopped here`),
    });
  },
});

/** Walks the flow to its confirmation screen with `amount`; undefined if it does not get there. */
async function toConfirm(
  h: Harness,
  confirm: MenuNode,
  amountIndex: number,
  amount: string,
): Promise<Session | undefined> {
  const path = [...confirm.path];
  path[amountIndex] = amount;
  const s = await openAt(h, path);
  if (!s?.last || recognisePrompt(s.last.reply.text).kind !== 'confirm') return undefined;
  return s;
}

function confirmKey(confirm: MenuNode): string | undefined {
  return recognisePrompt(confirm.text).options.find((o) => /confirm|yes|accept|proceed/i.test(o.label))?.key;
}

export const replayCompletedHop = defineUssdCheck({
  id: 'USSD-004',
  name: 'replay-completed-transaction',
  title: 'Replaying the final hop of a transfer repeats it',
  description:
    "Test systems only (--test-system). The probe completes one small transfer, then sends the same confirming hop again (same session id and input). A gateway retry must be idempotent: 'session ended', never a second debit.",
  severity: 'critical',
  confidence: 'high',
  refs: { masvs: [], cwe: [294, 837], figi: ['FIGI-SAF-C1'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-04'],
  needs: ['pin', 'testSystem'],
  messages: { repeated: "The replayed final hop of session {session} was answered '{screen}'{balance}." },
  remediation:
    'Make every money movement idempotent (a transaction id bound to the session and hop); answer hops of an ended session with END and no side effect.',
  async run({ harness, map, pin, testSystem }, report) {
    if (!pin || !testSystem) return;
    const flow = moneyFlow(map, pin);
    const key = flow?.confirm && confirmKey(flow.confirm);
    if (!flow?.confirm || !key) return;
    const before = await readBalance(harness, map);
    const s = await toConfirm(harness, flow.confirm, flow.amount.path.length, '10');
    if (!s) return;
    const done = await s.send(key);
    if (!isSuccess(done)) return;
    const again = await s.replayLast();
    if (!isSuccess(again)) return;
    const after = await readBalance(harness, map);
    const delta = before && after ? before.value - after.value : undefined;
    report({
      messageId: 'repeated',
      data: {
        session: s.id,
        screen: oneLine(again.reply.text, 60),
        balance: delta === undefined ? '' : ` (balance fell by ${delta} for two hops of 10)`,
      },
      evidence: transcript(
        [...s.exchanges, ...(after?.exchanges ?? [])],
        'the last hop is a byte-for-byte replay of the previous one',
      ),
    });
  },
});

export const concurrentDoubleSpend = defineUssdCheck({
  id: 'USSD-016',
  name: 'concurrent-double-spend',
  title: 'Two concurrent sessions spend the same balance',
  description:
    'Test systems only (--test-system). The probe reads the balance, opens two sessions to the confirmation screen for 60% of it each, and confirms both at once. One of them must fail for insufficient funds.',
  severity: 'critical',
  confidence: 'high',
  refs: { masvs: [], cwe: [362, 367], figi: ['FIGI-SAF-C31'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-16'],
  needs: ['pin', 'testSystem'],
  messages: { overdrawn: 'Balance {balance}: two concurrent transfers of {amount} both succeeded{after}.' },
  remediation:
    'Check and debit the balance in one atomic operation (a database transaction or a conditional update) when the transfer executes, not when the amount is typed.',
  async run({ harness, map, pin, testSystem }, report) {
    if (!pin || !testSystem) return;
    const flow = moneyFlow(map, pin);
    const key = flow?.confirm && confirmKey(flow.confirm);
    if (!flow?.confirm || !key) return;
    const before = await readBalance(harness, map);
    if (!before || before.value < 2) return;
    const amount = String(Math.floor(before.value * 0.6));
    const a = await toConfirm(harness, flow.confirm, flow.amount.path.length, amount);
    const b = await toConfirm(harness, flow.confirm, flow.amount.path.length, amount);
    if (!a || !b) return;
    const [ra, rb] = await Promise.all([a.send(key), b.send(key)]);
    if (!isSuccess(ra) || !isSuccess(rb)) return;
    const after = await readBalance(harness, map);
    report({
      messageId: 'overdrawn',
      data: { balance: before.value, amount, after: after ? `; balance now ${after.value}` : '' },
      evidence: transcript(
        [...before.exchanges, ...a.exchanges, ...b.exchanges, ...(after?.exchanges ?? [])],
        'both confirmations were sent at the same time',
      ),
    });
  },
});
