/**
 * USSD-022: hostile values in the gateway's own fields (service code, network code, phone
 * number, session id), judged with the USSD-011 oracle. A real gateway fills these fields itself, so the
 * probe matters where the callback is reachable without it (USSD-001) or the gateway passes
 * them through unchecked.
 */
import { randomUUID } from 'node:crypto';
import { toEvidence } from '../client.js';
import type { Dialect, Hop } from '../types.js';
import { defineUssdCheck, X1456 } from './context.js';
import { INPUT_PAYLOADS, judgeInputReply } from './input.js';

export type GatewayField = 'serviceCode' | 'network' | 'msisdn' | 'sessionId';

export const GATEWAY_FIELDS: readonly GatewayField[] = ['serviceCode', 'network', 'msisdn', 'sessionId'];

const MARKER = 'dfslabFieldMarker';

/**
 * The fields `dialect` puts on the wire as a field of their own. Decided on a continuation hop,
 * so a service code that only travels inside the first hop's dial string (Arkesel, Nalo) does not
 * count: injecting there is USSD-011's input field.
 */
export function wireFields(dialect: Dialect, base: Hop): GatewayField[] {
  return GATEWAY_FIELDS.filter((field) => {
    const hop: Hop = {
      ...base,
      isNew: false,
      sequence: 2,
      history: ['1'],
      [field]: `${base[field]}${MARKER}`,
    };
    const wire = dialect.encodeRequest(hop);
    return `${wire.body ?? ''}${wire.query ?? ''}`.includes(MARKER);
  });
}

export const gatewayFieldInjection = defineUssdCheck({
  id: 'USSD-022',
  name: 'gateway-field-injection',
  title: 'Hostile service code, network code, phone number or session id breaks the USSD application',
  description:
    'The first hop of a session is sent with a payload appended to the service code, the network (operator) code, the phone number or the session id, each field on its own, as far as the dialect carries it. The app must answer with a normal CON/END screen that fits one USSD message, or refuse the request with a 4xx; a 5xx, a stack trace, a reply the gateway would drop, an over-long screen or an evaluated template is a finding. Whether a real subscriber can reach these fields depends on the gateway: without gateway authentication (USSD-001) anybody can.',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: [], cwe: [20, 89, 209], figi: ['FIGI-SAF-C30'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-11', 'catalogue:USSD-17'],
  messages: {
    serverError: "'{payload}' in the {field} field made the app answer {detail}.",
    stackTrace: "'{payload}' in the {field} field leaked internals: {detail}.",
    badReply: "'{payload}' in the {field} field got a reply the gateway would drop: {detail}.",
    overlong: "'{payload}' in the {field} field produced a screen longer than one USSD message ({detail}).",
    template: "'{payload}' in the {field} field was evaluated as a template: {detail}.",
  },
  remediation:
    'Treat every callback field as untrusted: check the service code against the codes the app serves, the network code against a fixed list, and the MSISDN against E.164; refuse anything else with a 4xx or a short END screen; use parameterised queries; never show internals.',
  async run({ harness, map }, report) {
    const baseline = map.root?.text ?? '';
    const t = harness.target;
    const base: Hop = {
      sessionId: '',
      msisdn: t.msisdn,
      serviceCode: t.serviceCode,
      network: t.network,
      history: [],
      isNew: true,
      sequence: 1,
    };
    const seen = new Set<string>();
    for (const field of wireFields(t.dialect, base)) {
      for (const p of INPUT_PAYLOADS) {
        const fresh: Hop = { ...base, sessionId: `dfslab-${randomUUID()}` };
        const hop: Hop = { ...fresh, [field]: `${fresh[field]}${p.value}` };
        const ex = await harness.send(hop);
        const v = judgeInputReply(ex, p.value, baseline);
        if (!v) continue;
        const key = `${v.messageId}|${field}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report({
          messageId: v.messageId,
          severity: v.messageId === 'badReply' || v.messageId === 'overlong' ? 'low' : 'medium',
          data: { payload: p.name, field, detail: v.detail },
          // A leading note keeps the fingerprints of findings in different fields apart.
          evidence: [
            { kind: 'text', text: `${v.messageId}: ${p.name} in ${field}` },
            toEvidence(ex, `payload: ${p.name} appended to ${field}`),
          ],
        });
      }
    }
  },
});
