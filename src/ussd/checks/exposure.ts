/** What the screens show: balances before the PIN (USSD-021) and the PIN itself (USSD-007). */
import { transcript } from '../client.js';
import { BALANCE_PATTERN, showsSecret } from '../screen.js';
import { defineUssdCheck, oneLine, X1456 } from './context.js';

export const balanceBeforePin = defineUssdCheck({
  id: 'USSD-021',
  name: 'balance-before-pin',
  title: 'Balance or personal data shown before the PIN',
  description:
    'A screen reached without typing a PIN shows a balance or statement. The caller id (MSISDN) is asserted by the network and aggregators, never proved by the subscriber, so anyone holding or spoofing the number reads the account.',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: [], cwe: [306, 200], figi: ['FIGI-SAF-C1'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-07'],
  messages: { shown: "Menu path '{path}' shows '{screen}' without asking for a PIN." },
  remediation:
    'Ask for the PIN (verified on the server) before showing balances, statements or personal data.',
  run({ map }, report) {
    const node = map.nodes.find(
      (n) => n.path.length && !n.afterPin && n.kind !== 'invalid' && BALANCE_PATTERN.test(n.text),
    );
    if (!node) return;
    report({
      messageId: 'shown',
      data: { path: node.path.join(' > '), screen: oneLine(node.text) },
      evidence: transcript(node.exchanges, 'balance shown; no PIN was typed in this session'),
    });
  },
});

export const pinEcho = defineUssdCheck({
  id: 'USSD-007',
  name: 'pin-echo',
  title: 'The PIN is shown on a later screen',
  description:
    'A screen after the PIN step repeats the PIN. USSD is not end-to-end encrypted: screens travel in clear through the MSC, USSD gateway and aggregator, and stay on the handset display.',
  severity: 'high',
  confidence: 'high',
  refs: {
    masvs: [],
    cwe: [549, 200],
    figi: ['FIGI-USSD-3.1', 'FIGI-SAF-C118'],
    other: [X1456],
  },
  tags: ['ussd', 'catalogue:USSD-07'],
  needs: ['pin'],
  messages: { echoed: "The screen after menu path '{path}' shows the PIN: '{screen}'." },
  remediation: 'Never repeat the PIN (or OTP) on any screen; confirm with the amount and recipient only.',
  run({ map, pin }, report) {
    if (!pin) return;
    const node = map.nodes.find((n) => n.afterPin && n.kind !== 'invalid' && showsSecret(n.text, pin));
    if (!node) return;
    report({
      messageId: 'echoed',
      data: {
        path: node.path.map((p) => (p === pin ? '<PIN>' : p)).join(' > '),
        screen: oneLine(node.text.split(pin).join('<PIN>')),
      },
      evidence: transcript(node.exchanges, 'the reply contains the PIN typed earlier'),
    });
  },
});
