/**
 * Malformed callbacks for USSD-011 (catalogue USSD-17): the first hop of a session re-sent as a
 * gateway never would — empty or cut in half, with the wrong content type, in the other encoding,
 * with the phone number duplicated, or without the session id or phone number. Each is judged
 * from the response: a 5xx, a stack trace, a reply the gateway would drop (with a 2xx/3xx), or an
 * over-long screen. A 4xx is the right answer.
 */
import { randomUUID } from 'node:crypto';
import type { ReportFn } from '../../core/check.js';
import { toEvidence, type Exchange, type Harness } from '../client.js';
import { bareMsisdn, FORM, isJson, JSON_TYPE, parseJsonObject, type JsonRecord } from '../dialects/common.js';
import { STACK_TRACE_PATTERN } from '../screen.js';
import type { Hop, WireRequest } from '../types.js';
import { oneLine } from './context.js';

/** The number a duplicated phone-number field carries the second time. */
const OTHER_MSISDN = '+19995550100';

type Fields = { transport: 'json' | 'form' | 'query'; entries: [string, unknown][] };

function fieldsOf(wire: WireRequest): Fields | undefined {
  if (wire.query !== undefined) return { transport: 'query', entries: [...new URLSearchParams(wire.query)] };
  const body = wire.body ?? '';
  if (isJson(wire.headers['content-type'] ?? '')) {
    const o = parseJsonObject(body);
    return o ? { transport: 'json', entries: Object.entries(o) } : undefined;
  }
  return { transport: 'form', entries: [...new URLSearchParams(body)] };
}

function encode(wire: WireRequest, f: Fields, as: Fields['transport'] = f.transport): WireRequest {
  if (as === 'json') {
    const o: JsonRecord = {};
    for (const [k, v] of f.entries) o[k] = v;
    return { ...wire, headers: { ...wire.headers, 'content-type': JSON_TYPE }, body: JSON.stringify(o) };
  }
  const q = new URLSearchParams();
  for (const [k, v] of f.entries) q.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  if (as === 'query') return { ...wire, query: q.toString() };
  return { ...wire, headers: { ...wire.headers, 'content-type': FORM }, body: q.toString() };
}

/** The name of the field holding `value` ('+2547…' or '2547…' for the number). */
function keyOf(f: Fields, values: readonly string[]): string | undefined {
  return f.entries.find(([, v]) => typeof v === 'string' && values.includes(v))?.[0];
}

/** The malformed versions of `hop`'s wire request, named. */
export function malformedVariants(wire: WireRequest, hop: Hop): [string, WireRequest][] {
  const cut = (s: string | undefined): string => (s ?? '').slice(0, Math.floor((s ?? '').length / 2));
  const out: [string, WireRequest][] = [
    ['empty body', { ...wire, ...(wire.query === undefined ? { body: '' } : { query: '' }) }],
    [
      'truncated body',
      { ...wire, ...(wire.query === undefined ? { body: cut(wire.body) } : { query: cut(wire.query) }) },
    ],
  ];
  const f = fieldsOf(wire);
  if (!f) return out;
  if (f.transport !== 'query') {
    const swapped = f.transport === 'json' ? FORM : JSON_TYPE;
    out.push(['wrong content type', { ...wire, headers: { ...wire.headers, 'content-type': swapped } }]);
    out.push(['body in the other encoding', encode(wire, f, f.transport === 'json' ? 'form' : 'json')]);
  }
  const msisdnKey = keyOf(f, [hop.msisdn, bareMsisdn(hop.msisdn)]);
  const sessionKey = keyOf(f, [hop.sessionId]);
  if (msisdnKey) {
    const dup: Fields =
      f.transport === 'json'
        ? { ...f, entries: f.entries.map(([k, v]) => [k, k === msisdnKey ? [v, OTHER_MSISDN] : v]) }
        : { ...f, entries: [...f.entries, [msisdnKey, OTHER_MSISDN]] };
    out.push(['duplicated phone number field', encode(wire, dup)]);
    out.push([
      'missing phone number field',
      encode(wire, { ...f, entries: f.entries.filter(([k]) => k !== msisdnKey) }),
    ]);
  }
  if (sessionKey)
    out.push([
      'missing session id field',
      encode(wire, { ...f, entries: f.entries.filter(([k]) => k !== sessionKey) }),
    ]);
  return out;
}

/** What is wrong with the answer to a malformed callback, or undefined (a 4xx, a normal screen). */
export function judgeMalformed(ex: Exchange): { severity: 'medium' | 'low'; detail: string } | undefined {
  if (STACK_TRACE_PATTERN.test(ex.body))
    return { severity: 'medium', detail: `HTTP ${ex.status} with internals: ${oneLine(ex.body, 60)}` };
  if (ex.status >= 500) return { severity: 'medium', detail: `HTTP ${ex.status}` };
  if (ex.reply.kind === 'invalid' && ex.status !== 0 && ex.status < 400)
    return {
      severity: 'low',
      detail: `a reply the gateway would drop (${ex.reply.problem ?? 'not CON/END'})`,
    };
  if (ex.violations.includes('over-long screen'))
    return {
      severity: 'low',
      detail: `an over-long screen (${ex.size.units} ${ex.size.encoding} characters)`,
    };
  return undefined;
}

/** Sends every malformed variant once; one finding lists every variant that was mishandled. */
export async function malformedCallbacks(harness: Harness, report: ReportFn): Promise<void> {
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
  const bad: { variant: string; ex: Exchange; verdict: NonNullable<ReturnType<typeof judgeMalformed>> }[] =
    [];
  for (const [variant, w] of malformedVariants(t.dialect.encodeRequest(hop), hop)) {
    const ex = await harness.sendWire(hop, w);
    const verdict = judgeMalformed(ex);
    if (verdict) bad.push({ variant, ex, verdict });
  }
  const first = bad[0];
  if (!first) return;
  report({
    messageId: 'malformed',
    severity: bad.some((b) => b.verdict.severity === 'medium') ? 'medium' : 'low',
    data: { variant: bad.map((b) => b.variant).join(', '), detail: first.verdict.detail },
    evidence: bad.map((b) => toEvidence(b.ex, `${b.variant}: ${b.verdict.detail}`)),
  });
}
