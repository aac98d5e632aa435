/**
 * USSD-023 (catalogue USSD-03, app side): state the app issues — Hubtel-style ClientState,
 * transaction references shown on screens — sampled across fresh sessions. Identical values or
 * a bare counter mean the token is guessable. Passive: it does not show that the app relies on it.
 */
import { transcript, type Exchange, type Harness } from '../client.js';
import { replay, type MenuMap, type MenuNode } from '../crawler.js';
import { defineUssdCheck, oneLine, X1456 } from './context.js';

/** 'Ref TX001002', 'Transaction ID: 8F2K…', 'receipt no. 123456'. */
const REFERENCE =
  /\b(?:ref(?:erence)?|txn|trans(?:action)?\s*id|receipt|voucher|token)\b\.?\s*(?:no\.?|id|#)?\s*[:#-]?\s*([A-Za-z0-9-]{4,40})\b/i;
/** A counter step above this is not called sequential (other sessions may take numbers in between). */
export const MAX_COUNTER_STEP = 100;
const DEFAULT_SAMPLES = 4;
const MIN_SAMPLES = 3;

export type TokenVerdict = 'identical' | 'sequential';

/**
 * The reference a screen shows, if any: a value with a digit, or one of six or more capitals
 * ('Enter reference number' names no value).
 */
export function screenReference(text: string): string | undefined {
  const v = REFERENCE.exec(text)?.[1];
  if (!v) return undefined;
  return /[0-9]/.test(v) || /^[A-Z]{6,}$/.test(v) ? v : undefined;
}

/** Identical across samples, or one prefix with a number that grows by small steps. */
export function judgeTokens(values: readonly string[]): TokenVerdict | undefined {
  if (values.length < MIN_SAMPLES) return undefined;
  if (values.every((v) => v === values[0])) return 'identical';
  const parts = values.map((v) => /^(.*?)([0-9]+)$/.exec(v));
  if (parts.some((p) => !p || p[1] !== parts[0]?.[1])) return undefined;
  const nums = parts.map((p) => Number(p?.[2]));
  for (let i = 1; i < nums.length; i++) {
    const step = nums[i] - nums[i - 1];
    if (step <= 0 || step > MAX_COUNTER_STEP) return undefined;
  }
  return 'sequential';
}

type Source = { what: string; node: MenuNode; read: (ex: Exchange) => string | undefined };

function sources(map: MenuMap): Source[] {
  const out: Source[] = [];
  const cs = map.nodes.find((n) => n.exchanges.at(-1)?.reply.clientState);
  if (cs) out.push({ what: 'ClientState', node: cs, read: (ex) => ex.reply.clientState });
  const ref = map.nodes.find((n) => n.kind !== 'invalid' && screenReference(n.text));
  if (ref)
    out.push({
      what: 'the reference on the screen',
      node: ref,
      read: (ex) => screenReference(ex.reply.text),
    });
  return out;
}

async function sample(
  h: Harness,
  src: Source,
  count: number,
): Promise<{ values: string[]; exs: Exchange[] }> {
  const values: string[] = [];
  const exs: Exchange[] = [];
  for (let i = 0; i < count; i++) {
    const s = await replay(h, src.node.path);
    const last = s.last;
    const v = last ? src.read(last) : undefined;
    if (!last || v === undefined) continue;
    values.push(v);
    exs.push(last);
  }
  return { values, exs };
}

export const predictableAppState = defineUssdCheck({
  id: 'USSD-023',
  name: 'predictable-app-state',
  title: 'State the app issues (ClientState, references) is the same or a counter across sessions',
  description:
    'The probe replays the path to a screen that carries app-issued state — the ClientState of gateways that round-trip it, or a transaction reference shown on the screen — in several fresh sessions and compares the values. The same value in every session, or one prefix with a number that grows by small steps, can be guessed by whoever talks to the callback. Passive result: it shows the token is predictable, not that the app trusts it (USSD-019 tests that for amounts).',
  severity: 'medium',
  confidence: 'medium',
  refs: { masvs: [], cwe: [330, 384], figi: ['FIGI-SAF-C1'], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-03'],
  messages: {
    identical: "{what} at '{path}' was the same in {n} fresh sessions: '{value}'.",
    sequential: "{what} at '{path}' counts up across {n} fresh sessions: {values}.",
  },
  remediation:
    'Keep session state on the server; if a token must travel through the gateway or be shown, draw it from a CSPRNG (at least 64 bits), bind it to the session and caller, and sign it (HMAC) if it carries data.',
  async run({ harness, map, probe, pin }, report) {
    const count = Math.max(MIN_SAMPLES, probe.tokenSamples ?? DEFAULT_SAMPLES);
    for (const src of sources(map)) {
      const { values, exs } = await sample(harness, src, count);
      const verdict = judgeTokens(values);
      if (!verdict) continue;
      const path = src.node.path.length
        ? src.node.path.map((p) => (p === pin ? '<PIN>' : p)).join(' > ')
        : 'main menu';
      report({
        messageId: verdict,
        data: {
          what: src.what,
          path,
          n: values.length,
          value: oneLine(values[0] ?? '', 60),
          values: values.map((v) => oneLine(v, 24)).join(', '),
        },
        evidence: transcript(exs, `the screens of ${values.length} fresh sessions, one exchange each`),
      });
    }
  },
});
