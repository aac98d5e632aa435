/**
 * Callback and session trust: gateway authentication (USSD-001), session reuse across numbers
 * (USSD-002), '*'-history injection (USSD-005), dial-string chaining (USSD-006), and state that
 * never expires (USSD-014).
 */
import { Session, transcript } from '../client.js';
import type { MenuNode } from '../crawler.js';
import { recognisePrompt } from '../screen.js';
import { defineUssdCheck, openAt, oneLine, X1456 } from './context.js';

export const callbackAuth = defineUssdCheck({
  id: 'USSD-001',
  name: 'callback-unauthenticated',
  title: 'The callback serves any caller that claims a phone number',
  description:
    "A hop with a subscriber's number, sent straight to the callback without the gateway's credentials, is answered with the account menu. Whoever finds the URL can act as any subscriber (MSISDN spoofing).",
  severity: 'critical',
  confidence: 'high',
  refs: { masvs: [], cwe: [290, 345], figi: ['FIGI-SAF-C43'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-01'],
  messages: {
    served: "Without gateway credentials, a hop claiming {msisdn} was answered with the menu: '{screen}'.",
  },
  remediation:
    'Authenticate the gateway on every callback (mTLS, an HMAC signature or a secret header, plus an IP allow-list) and refuse anything else with 401.',
  async run({ harness, peer }, report) {
    const msisdn = peer ?? harness.target.msisdn;
    const s = new Session(harness, { msisdn, omitCredentials: true });
    const ex = await s.start();
    if (ex.reply.kind !== 'con' || !recognisePrompt(ex.reply.text).options.length) return;
    const configured = Object.keys(harness.target.headers ?? {}).length > 0;
    report({
      messageId: 'served',
      data: { msisdn, screen: oneLine(ex.reply.text, 60) },
      evidence: transcript(
        s.exchanges,
        configured
          ? 'sent without the configured gateway credentials'
          : 'no gateway credential was configured for this target',
      ),
    });
  },
});

export const sessionReuse = defineUssdCheck({
  id: 'USSD-002',
  name: 'session-reuse-across-numbers',
  title: 'A session started by one number can be continued by another',
  description:
    "The probe starts a session as the tester, enters a money flow, then sends the next hop with the same session id but a different phone number. The app must refuse it, not continue the first caller's flow.",
  severity: 'high',
  confidence: 'medium',
  refs: { masvs: [], cwe: [384], figi: ['FIGI-SAF-C1'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-02'],
  messages: { continued: "Session {session}, started by {a}, was continued by {b}: '{screen}'." },
  remediation:
    'Bind session state to the (session id, MSISDN) pair the gateway first presented; end the session on any mismatch.',
  async run({ harness, map, peer }, report) {
    const node = map.nodes.find((n) => n.kind === 'con' && n.prompt === 'phone' && !n.afterPin);
    const next = node?.children[0];
    if (!node || !next || next.kind !== 'con') return;
    const b = peer ?? '+19995550100';
    if (b === harness.target.msisdn) return;
    const s = await openAt(harness, node.path);
    if (!s) return;
    const ex = await s.send(node.children[0].path.at(-1) ?? '', b);
    if (ex.reply.kind !== 'con' || ex.reply.text !== next.text) return;
    report({
      messageId: 'continued',
      data: { session: s.id, a: harness.target.msisdn, b, screen: oneLine(ex.reply.text, 60) },
      evidence: transcript(s.exchanges, `this hop claims ${b}`),
    });
  },
});

export const foreignSessionId = defineUssdCheck({
  id: 'USSD-003',
  name: 'session-id-not-enforced',
  title: 'A session id the gateway never opened continues a flow',
  description:
    "The probe enters a money flow, then sends the next input as a continuation hop under a fresh session id that was never initiated. An app that keys state on the MSISDN (the 'resume' anti-pattern) or rebuilds it from the request alone continues the flow; it must answer with a new main menu or end the session.",
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: [], cwe: [384, 639], figi: ['FIGI-SAF-C1'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-03'],
  messages: {
    continued:
      "A continuation hop under the never-opened session id {session} got the next screen of the flow: '{screen}'.",
  },
  remediation:
    'Keep flow state per gateway session id (created only by an initiation hop) and refuse continuation hops for unknown ids.',
  async run({ harness, map }, report) {
    const node = map.nodes.find((n) => n.kind === 'con' && n.prompt === 'phone' && !n.afterPin);
    const next = node?.children[0];
    if (!node || !next || next.kind !== 'con') return;
    const first = await openAt(harness, node.path);
    if (!first) return;
    const foreign = new Session(harness);
    const ex = await foreign.continueForeign(node.path, next.path.at(-1) ?? '');
    if (ex.reply.kind !== 'con' || ex.reply.text !== next.text) return;
    report({
      messageId: 'continued',
      data: { session: foreign.id, screen: oneLine(ex.reply.text, 60) },
      evidence: transcript(
        [...first.exchanges, ...foreign.exchanges],
        'this hop uses a session id that was never initiated',
      ),
    });
  },
});

/** The amount prompt whose next screen asks for the PIN: where '*' injection would skip it. */
function amountBeforePin(nodes: readonly MenuNode[]): { amount: MenuNode; pinNode: MenuNode } | undefined {
  for (const n of nodes) {
    if (n.kind !== 'con' || n.prompt !== 'amount' || n.afterPin) continue;
    const pinNode = n.children.find((c) => c.kind === 'con' && c.prompt === 'pin');
    if (pinNode) return { amount: n, pinNode };
  }
  return undefined;
}

export const starInjection = defineUssdCheck({
  id: 'USSD-005',
  name: 'star-history-injection',
  title: "A '*' inside one input is parsed as later menu answers",
  description:
    "At the amount prompt the probe types '<amount>*<PIN>' as one input. A route parser that splits the gateway's '*'-joined history treats the extra segment as the answer to the PIN prompt, skipping a step. The confirmation is never sent.",
  severity: 'high',
  confidence: 'high',
  refs: { masvs: [], cwe: [841, 20], figi: ['FIGI-SAF-C30'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-05'],
  messages: {
    skipsPin: "Typing '{input}' at the amount prompt skipped the PIN screen and showed: '{screen}'.",
    consumedAsPin: "Typing '{input}' at the amount prompt was taken as amount and PIN: '{screen}'.",
  },
  remediation:
    "Keep the route on the server (one input per hop) instead of re-parsing the '*'-joined text, and reject inputs that contain '*' or '#' where a number is expected.",
  async run({ harness, map, pin }, report) {
    const found = amountBeforePin(map.nodes);
    if (!found) return;
    const amount = found.pinNode.path.at(-1) ?? '10';
    const input = `${amount}*${pin ?? '0000'}`;
    const s = await openAt(harness, found.amount.path);
    if (!s) return;
    const ex = await s.send(input);
    if (ex.reply.kind !== 'con') return;
    const kind = recognisePrompt(ex.reply.text).kind;
    const shown = pin ? input.replace(pin, '<PIN>') : input;
    const evidence = transcript(s.exchanges, `'${shown}' typed as one input`);
    if (pin && (kind === 'confirm' || kind === 'choice')) {
      report({
        messageId: 'skipsPin',
        data: { input: shown, screen: oneLine(ex.reply.text.split(pin).join('<PIN>'), 60) },
        evidence,
      });
      return;
    }
    if (
      kind === 'pin' &&
      ex.reply.text !== found.pinNode.text &&
      /\b(wrong|incorrect|invalid)\b/i.test(ex.reply.text)
    )
      report({
        messageId: 'consumedAsPin',
        data: { input: shown, screen: oneLine(ex.reply.text, 60) },
        evidence,
      });
  },
});

export const dialChaining = defineUssdCheck({
  id: 'USSD-006',
  name: 'dial-string-chaining',
  title: 'A dial string carrying the PIN goes straight to the confirmation',
  description:
    "The probe dials the whole flow at once ('*code*2*<number>*<amount>*<PIN>#'). If the app accepts it, the PIN lands in the dialled number (call log, handset history, MSC/USSDC logs). With --test-system the probe also appends the confirmation to see whether money moves without a separate confirm screen.",
  severity: 'high',
  confidence: 'high',
  refs: {
    masvs: [],
    cwe: [841, 532],
    figi: ['FIGI-USSD-3.1', 'FIGI-SAF-C118'],
    other: [X1456],
  },
  tags: ['ussd', 'catalogue:USSD-06'],
  needs: ['pin'],
  messages: {
    reachesConfirm: "The dial string '{dial}' (PIN included) was accepted and went straight to: '{screen}'.",
    completes:
      "The dial string '{dial}' (PIN and confirmation included) completed the transaction: '{screen}'.",
  },
  remediation:
    'Ignore pre-filled inputs after the service code for anything beyond menu navigation; always ask for the PIN and the confirmation on their own screens.',
  async run({ harness, map, pin, testSystem }, report) {
    if (!pin) return;
    const confirm = map.nodes.find((n) => n.kind === 'con' && n.prompt === 'confirm' && n.path.includes(pin));
    if (!confirm) return;
    const show = (path: readonly string[]): string =>
      `${harness.target.serviceCode.replace(/#$/, '')}*${path.map((p) => (p === pin ? '<PIN>' : p)).join('*')}#`;
    const s = new Session(harness);
    const ex = await s.start(confirm.path);
    if (ex.reply.kind !== 'con' || recognisePrompt(ex.reply.text).kind !== 'confirm') return;
    if (testSystem) {
      const option = recognisePrompt(confirm.text).options.find((o) =>
        /confirm|yes|accept|proceed/i.test(o.label),
      );
      if (option) {
        const s2 = new Session(harness);
        const done = await s2.start([...confirm.path, option.key]);
        if (done.reply.kind === 'end' && !/\b(cancel|error|invalid|fail)/i.test(done.reply.text)) {
          report({
            messageId: 'completes',
            severity: 'critical',
            data: { dial: show([...confirm.path, option.key]), screen: oneLine(done.reply.text, 60) },
            evidence: transcript(s2.exchanges, 'test system: the chained confirmation was sent'),
          });
          return;
        }
      }
    }
    report({
      messageId: 'reachesConfirm',
      data: { dial: show(confirm.path), screen: oneLine(ex.reply.text.split(pin).join('<PIN>'), 60) },
      evidence: transcript(s.exchanges, 'chained first hop; the confirmation was not sent'),
    });
  },
});

export const sessionNeverExpires = defineUssdCheck({
  id: 'USSD-014',
  name: 'session-never-expires',
  title: 'A money flow resumes after the gateway would have ended the session',
  description:
    'The probe enters a money flow, stays idle for the configured wait (longer than the network would keep the session), then sends the next input with the same session id. The app must refuse to continue.',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: [], cwe: [613], figi: ['FIGI-SAF-C1'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-14'],
  needs: ['idleWait'],
  messages: { resumed: "After {idle} ms idle, session {session} continued its money flow: '{screen}'." },
  remediation:
    'Expire server-side session state after the gateway timeout (e.g. 60–180 s of inactivity) and restart from the main menu.',
  async run({ harness, map, probe }, report) {
    const idle = probe.idleWaitMs;
    if (idle === undefined) return;
    const node = map.nodes.find(
      (n) =>
        n.kind === 'con' &&
        (n.prompt === 'phone' || n.prompt === 'amount') &&
        !n.afterPin &&
        n.children[0]?.kind === 'con',
    );
    const next = node?.children[0];
    if (!node || !next) return;
    const s = await openAt(harness, node.path);
    if (!s) return;
    await new Promise((r) => setTimeout(r, idle));
    const ex = await s.send(next.path.at(-1) ?? '');
    if (ex.reply.kind !== 'con' || ex.reply.text !== next.text) return;
    report({
      messageId: 'resumed',
      data: { idle, session: s.id, screen: oneLine(ex.reply.text, 60) },
      evidence: transcript(s.exchanges, `sent after ${idle} ms of inactivity`),
    });
  },
});
