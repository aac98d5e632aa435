/** USSD-011: hostile input in the callback answered by a crash, a leak or a broken screen. */
import type { Exchange } from '../client.js';
import { toEvidence, transcript } from '../client.js';
import type { MenuNode } from '../crawler.js';
import { STACK_TRACE_PATTERN } from '../screen.js';
import { defineUssdCheck, openAt, oneLine, X1456 } from './context.js';
import { malformedCallbacks } from './wire.js';

/** The payloads, named. Each is typed at a menu and at a free-text prompt. */
export const INPUT_PAYLOADS: readonly { name: string; value: string }[] = [
  { name: 'overlong', value: '9'.repeat(300) },
  { name: 'non-digits', value: 'abc' },
  { name: 'NUL byte', value: '1\u0000' },
  { name: 'unicode', value: 'é€😀' },
  { name: 'SQL metacharacters', value: "1' OR '1'='1" },
  { name: 'template', value: '{{7*7}}${7*7}' },
  { name: 'CRLF', value: '1\r\nEND x' },
];

type Verdict = {
  messageId: 'serverError' | 'stackTrace' | 'badReply' | 'overlong' | 'template';
  detail: string;
};

export function judgeInputReply(ex: Exchange, payload: string, baseline: string): Verdict | undefined {
  if (STACK_TRACE_PATTERN.test(ex.body))
    return { messageId: 'stackTrace', detail: `HTTP ${ex.status}: ${oneLine(ex.body, 60)}` };
  if (ex.status >= 500) return { messageId: 'serverError', detail: `HTTP ${ex.status}` };
  if (ex.reply.kind === 'invalid' && ex.status !== 0 && ex.status < 400)
    return { messageId: 'badReply', detail: ex.reply.problem ?? 'not CON/END' };
  if (ex.violations.includes('over-long screen'))
    return {
      messageId: 'overlong',
      detail: `${ex.size.units} ${ex.size.encoding} characters > ${ex.size.limit}`,
    };
  if (payload.includes('7*7') && /\b49\b/.test(ex.reply.text) && !/\b49\b/.test(baseline))
    return { messageId: 'template', detail: '7*7 was evaluated to 49' };
  return undefined;
}

function prompts(nodes: readonly MenuNode[]): MenuNode[] {
  const root = nodes.find((n) => n.kind === 'con' && n.prompt === 'choice');
  const free =
    nodes.find((n) => n.kind === 'con' && n.prompt === 'amount' && !n.afterPin) ??
    nodes.find((n) => n.kind === 'con' && n.prompt === 'phone' && !n.afterPin);
  return [root, free].filter((n): n is MenuNode => n !== undefined);
}

export const inputValidation = defineUssdCheck({
  id: 'USSD-011',
  name: 'input-validation',
  title: 'Hostile input breaks the USSD application',
  description:
    'The callback accepts arbitrary bytes in the input field (a handset only sends digits, * and #). Overlong, non-digit, NUL, unicode, SQL and template payloads must be answered by a normal CON/END screen that fits the 182 GSM-7 / 80 UCS-2 character limit.',
  severity: 'medium',
  confidence: 'high',
  refs: {
    masvs: [],
    cwe: [20, 209],
    figi: ['FIGI-SAF-C30'],
    other: [X1456],
  },
  tags: ['ussd', 'catalogue:USSD-11', 'catalogue:USSD-17'],
  messages: {
    serverError: "Input '{payload}' at '{where}' made the app answer {detail}.",
    stackTrace: "Input '{payload}' at '{where}' leaked internals: {detail}.",
    badReply: "Input '{payload}' at '{where}' got a reply the gateway would drop: {detail}.",
    overlong: "Input '{payload}' at '{where}' produced a screen longer than one USSD message ({detail}).",
    template: "Input '{payload}' at '{where}' was evaluated as a template: {detail}.",
    malformed: 'Malformed callbacks ({variant}) were mishandled; the first was answered {detail}.',
  },
  remediation:
    'Validate every input on the server against what the screen expects (menu digits, amount, MSISDN); answer anything else with a short fixed CON error screen; never reflect input or internals; cap screen length.',
  async run({ harness, map }, report) {
    await malformedCallbacks(harness, report);
    const seen = new Set<string>();
    for (const node of prompts(map.nodes)) {
      for (const p of INPUT_PAYLOADS) {
        const s = await openAt(harness, node.path);
        if (!s) break;
        const ex = await s.send(p.value);
        const v = judgeInputReply(ex, p.value, node.text);
        if (!v) continue;
        const where = node.path.length ? node.path.join(' > ') : 'main menu';
        const key = `${v.messageId}|${where}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const severity =
          v.messageId === 'serverError' || v.messageId === 'stackTrace' || v.messageId === 'template'
            ? 'medium'
            : 'low';
        report({
          messageId: v.messageId,
          severity,
          data: { payload: p.name, where, detail: v.detail },
          // A leading note keeps the fingerprints of findings at different prompts apart.
          evidence: [
            { kind: 'text', text: `${v.messageId}: ${p.name} at ${where}` },
            ...transcript(s.exchanges.slice(0, -1)),
            toEvidence(ex, `payload: ${p.name}`),
          ],
        });
      }
    }
  },
});
