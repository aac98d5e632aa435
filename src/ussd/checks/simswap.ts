/** USSD-018: a transfer proceeds right after a SIM swap (the mock CAMARA API says swapped). */
import { transcript } from '../client.js';
import { recognisePrompt } from '../screen.js';
import { defineUssdCheck, oneLine, openAt, X1456 } from './context.js';
import { moneyFlow } from './money.js';

const BLOCKED = /\b(sim (change|swap)|paused|blocked|visit an agent|verify|security)\b/i;

export const simSwapGate = defineUssdCheck({
  id: 'USSD-018',
  name: 'sim-swap-gate',
  title: 'Money moves right after a SIM swap',
  description:
    "For targets that declare a CAMARA SIM Swap client: the harness serves a mock sim-swap v2 API, seeds 'swapped just now' for the tester's number, and walks a transfer. The backend must consult the API and stop or step up before money moves. The transfer is confirmed only with --test-system.",
  severity: 'high',
  confidence: 'medium',
  refs: { masvs: [], cwe: [287, 308], figi: ['FIGI-USSD-3.3', 'FIGI-SAF-C54'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-18'],
  needs: ['simSwap', 'pin'],
  messages: {
    notConsulted:
      "With a SIM swap seeded for {msisdn}, the transfer flow reached '{screen}' and the SIM Swap API was never called.",
    proceeds: "With a SIM swap seeded for {msisdn}, the transfer completed: '{screen}'.",
  },
  remediation:
    'Call the operator SIM-swap API (CAMARA sim-swap /check) before transfers and PIN resets; after a recent swap, block or require extra verification. Fail closed when the API is unreachable.',
  async run({ harness, map, pin, simSwap, testSystem }, report) {
    if (!simSwap || !pin) return;
    const flow = moneyFlow(map, pin);
    const pinNode = flow?.amount.children.find((c) => c.kind === 'con' && c.prompt === 'pin');
    if (!flow || !pinNode) return;
    const msisdn = harness.target.msisdn;
    simSwap.setSwapped(msisdn, true);
    try {
      const callsBefore = simSwap.calls.length;
      const s = await openAt(harness, pinNode.path);
      if (!s) return;
      const ex = await s.send(pin);
      if (
        ex.reply.kind !== 'con' ||
        BLOCKED.test(ex.reply.text) ||
        recognisePrompt(ex.reply.text).kind !== 'confirm'
      )
        return;
      const consulted = simSwap.calls.slice(callsBefore).some((c) => c.phoneNumber === msisdn);
      const key = recognisePrompt(ex.reply.text).options.find((o) =>
        /confirm|yes|accept|proceed/i.test(o.label),
      )?.key;
      if (testSystem && key) {
        const done = await s.send(key);
        if (
          done.reply.kind === 'end' &&
          !BLOCKED.test(done.reply.text) &&
          !/\b(fail|insufficient|cancel)/i.test(done.reply.text)
        ) {
          report({
            messageId: 'proceeds',
            data: { msisdn, screen: oneLine(done.reply.text, 60) },
            evidence: transcript(s.exchanges, 'the mock SIM Swap API answered swapped=true for this number'),
          });
          return;
        }
        return;
      }
      if (!consulted)
        report({
          messageId: 'notConsulted',
          data: { msisdn, screen: oneLine(ex.reply.text.split(pin).join('<PIN>'), 50) },
          evidence: transcript(s.exchanges, 'no request reached the mock SIM Swap API during this flow'),
        });
    } finally {
      simSwap.setSwapped(msisdn, false);
    }
  },
});
