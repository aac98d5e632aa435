/** USSD-011: hostile input in the callback answered by a crash, a leak or a broken screen. */
import { randomUUID } from 'node:crypto';
import type { ReportFn } from '../../core/check.js';
import type { Exchange, Harness } from '../client.js';
import { toEvidence, transcript } from '../client.js';
import type { Hop, WireRequest } from '../types.js';
import type { MenuNode } from '../crawler.js';
import { STACK_TRACE_PATTERN } from '../screen.js';
import { defineUssdCheck, openAt, oneLine, X1456 } from './context.js';

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

/** Malformed callbacks: an empty body and a valid first hop cut in half (USSD-17). */
async function malformed(harness: Harness, report: ReportFn): Promise<void> {
  const t = harness.target;
  const hop: Hop = {
    sessionId: `dfslab-${randomUUID()}`,
    msisdn: t.msisdn,
    serviceCode: t.serviceCode,
    network: t.network,
    history: [],
    isNew: true,
    sequence: 1,
  };
  const wire = t.dialect.encodeRequest(hop);
  const cut = (s: string | undefined): string => (s ?? '').slice(0, Math.floor((s ?? '').length / 2));
  const variants: [string, WireRequest][] = [
    ['empty body', { ...wire, ...(wire.query === undefined ? { body: '' } : { query: '' }) }],
    [
      'truncated body',
      { ...wire, ...(wire.query === undefined ? { body: cut(wire.body) } : { query: cut(wire.query) }) },
    ],
  ];
  for (const [variant, w] of variants) {
    const ex = await harness.sendWire(hop, w);
    const leak = STACK_TRACE_PATTERN.test(ex.body);
    if (ex.status < 500 && !leak) continue;
    report({
      messageId: 'malformed',
      severity: 'medium',
      data: {
        variant,
        detail: leak ? `HTTP ${ex.status} with internals: ${oneLine(ex.body, 60)}` : `HTTP ${ex.status}`,
      },
      evidence: toEvidence(ex, variant),
    });
    return;
  }
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
    malformed: 'A malformed callback ({variant}) was answered {detail}.',
  },
  remediation:
    'Validate every input on the server against what the screen expects (menu digits, amount, MSISDN); answer anything else with a short fixed CON error screen; never reflect input or internals; cap screen length.',
  async run({ harness, map }, report) {
    await malformed(harness, report);
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
