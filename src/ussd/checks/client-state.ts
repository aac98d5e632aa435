/** USSD-019: app state round-tripped through the gateway (Hubtel ClientState) is trusted. */
import { transcript } from '../client.js';
import { recognisePrompt } from '../screen.js';
import { defineUssdCheck, oneLine, openAt, X1456 } from './context.js';
import { moneyFlow } from './money.js';

type Codec = {
  decode(s: string): Record<string, unknown> | undefined;
  encode(o: Record<string, unknown>): string;
};

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The encodings apps use for ClientState: plain JSON and base64 JSON. */
const CODECS: readonly Codec[] = [
  { decode: parseObject, encode: (o) => JSON.stringify(o) },
  {
    decode: (s) =>
      /^[A-Za-z0-9+/=]+$/.test(s) ? parseObject(Buffer.from(s, 'base64').toString('utf8')) : undefined,
    encode: (o) => Buffer.from(JSON.stringify(o)).toString('base64'),
  },
];

/** A copy of `state` with every field holding `typed` (as number or string) set to `forged`. */
export function forgeState(state: string, typed: number, forged: number): string | undefined {
  for (const c of CODECS) {
    const o = c.decode(state);
    if (!o) continue;
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (v === typed || v === String(typed)) {
        out[k] = typeof v === 'number' ? forged : String(forged);
        changed = true;
      } else out[k] = v;
    }
    if (changed) return c.encode(out);
  }
  return undefined;
}

const TYPED = 10;
const FORGED = 7;

export const clientStateTampering = defineUssdCheck({
  id: 'USSD-019',
  name: 'client-state-trusted',
  title: 'The app trusts state the gateway round-trips (ClientState)',
  description:
    'Gateways such as Hubtel echo an opaque ClientState from one reply into the next request. The probe types an amount of 10, changes the amount it finds in ClientState (JSON or base64 JSON) to 7, and sends the PIN. If the confirmation shows 7, whoever can talk to the callback sets the amount. The confirmation is never sent.',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: [], cwe: [602, 639], figi: ['FIGI-SAF-C30'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-19'],
  needs: ['pin'],
  messages: {
    trusted: "Typed amount {typed}, ClientState changed to {forged}: the confirmation says '{screen}'.",
  },
  remediation:
    'Keep transaction state on the server keyed by the session; if state must travel through the gateway, sign and bind it to the session (HMAC) and reject any change.',
  async run({ harness, map, pin }, report) {
    if (!pin) return;
    const flow = moneyFlow(map, pin);
    if (!flow) return;
    const s = await openAt(harness, flow.amount.path);
    if (!s) return;
    const ex = await s.send(String(TYPED));
    const state = ex.reply.clientState;
    if (ex.reply.kind !== 'con' || !state) return;
    const forged = forgeState(state, TYPED, FORGED);
    if (!forged) return;
    s.clientState = forged;
    const out = await s.send(pin);
    const text = out.reply.text;
    if (out.reply.kind !== 'con' || recognisePrompt(text).kind !== 'confirm') return;
    if (
      !new RegExp(`(^|[^0-9.])${FORGED}(\\.00)?([^0-9]|$)`).test(text) ||
      new RegExp(`(^|[^0-9.])${TYPED}(\\.00)?([^0-9]|$)`).test(text)
    )
      return;
    report({
      messageId: 'trusted',
      data: { typed: TYPED, forged: FORGED, screen: oneLine(text.split(pin).join('<PIN>'), 60) },
      evidence: transcript(s.exchanges, 'the ClientState of this hop was edited by the probe'),
    });
  },
});
