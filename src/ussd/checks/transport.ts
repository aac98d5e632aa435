/** Transport and timing: plain-http callback (USSD-020), slow hops (USSD-015). */
import { toEvidence } from '../client.js';
import { OLD_TLS_VERSIONS, TLS_VERSIONS, type TlsProbeResult } from '../tls-probe.js';
import { defineUssdCheck, X1456 } from './context.js';

const OLD_TLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

export const plainHttpCallback = defineUssdCheck({
  id: 'USSD-020',
  name: 'callback-transport',
  title: 'The gateway reaches the callback without TLS 1.2+',
  description:
    'Every hop carries the MSISDN and, at PIN screens, the PIN. FIGI asks for TLS 1.2 or later between the USSD gateway and the DFS server. For an https callback the probe offers each of TLS 1.0, 1.1, 1.2 and 1.3 alone in one handshake (nothing is sent after it) and reports the old versions the server accepts; a version the local OpenSSL will not offer is reported as "could not probe", never as refused.',
  severity: 'high',
  confidence: 'high',
  refs: {
    masvs: [],
    cwe: [319, 757],
    figi: ['FIGI-USSD-3.1', 'FIGI-SAF-C17'],
    other: [X1456],
  },
  tags: ['ussd', 'catalogue:USSD-20'],
  messages: {
    plainHttp: 'The callback URL {url} is plain http: PINs and numbers cross the network in clear.',
    oldTls: 'The callback negotiated {protocol}, older than TLS 1.2.',
    oldTlsAccepted: 'The callback accepts {versions}, older than TLS 1.2 ({all}).',
  },
  remediation:
    'Serve the callback over https with TLS 1.2 or 1.3 only, and have the aggregator pin or verify the certificate.',
  async run({ harness, probe, facts }, report) {
    const first = harness.exchanges[0];
    const url = new URL(harness.target.url);
    if (url.protocol === 'http:') {
      report({
        messageId: 'plainHttp',
        data: { url: `${url.origin}${url.pathname}` },
        evidence: first ? toEvidence(first) : { kind: 'text', text: harness.target.url },
      });
      return;
    }
    const old = harness.exchanges.find((e) => e.tlsProtocol && OLD_TLS.has(e.tlsProtocol));
    if (old?.tlsProtocol)
      report({ messageId: 'oldTls', data: { protocol: old.tlsProtocol }, evidence: toEvidence(old) });
    if (probe.tlsProbe === false) return;
    const results: TlsProbeResult[] = [];
    for (const v of TLS_VERSIONS) results.push(await harness.probeTls(v));
    const all = results.map((r) => `${r.version} ${r.status}`).join(', ');
    facts.tlsVersions = Object.fromEntries(results.map((r) => [r.version, `${r.status}: ${r.detail}`]));
    const accepted = results.filter((r) => r.status === 'accepted' && OLD_TLS_VERSIONS.includes(r.version));
    if (!accepted.length) return;
    report({
      messageId: 'oldTlsAccepted',
      data: { versions: accepted.map((r) => r.version).join(' and '), all },
      evidence: {
        kind: 'text',
        text: `TLS handshakes with ${url.host}, one version offered at a time:\n${results.map((r) => `${r.version}: ${r.status} (${r.detail})`).join('\n')}`,
      },
    });
  },
});

/** The p-th percentile (0..100) of `values` by nearest rank; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export const slowHops = defineUssdCheck({
  id: 'USSD-015',
  name: 'slow-hops',
  title: 'The app answers too slowly for the USSD gateway',
  description:
    'The gateway gives the app about 15 s per hop and then ends the session; the subscriber retries, which can debit twice. Measured over every hop the scan sent.',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: [], cwe: [362], figi: [], other: [X1456] },
  tags: ['ussd', 'catalogue:USSD-15'],
  messages: {
    timeout:
      '{count} hop(s) got no reply within the {limit} ms hop limit; the gateway would have ended those sessions.',
    p95: 'The 95th percentile of hop latency is {p95} ms (limit {limit} ms, {count} hops).',
  },
  remediation:
    'Answer each hop fast (queue slow back-end work and confirm by SMS); make money movements idempotent so a retry cannot debit twice.',
  run({ harness, probe }, report) {
    const timedOut = harness.exchanges.filter((e) => e.violations.includes('timeout'));
    if (timedOut.length) {
      report({
        messageId: 'timeout',
        severity: 'high',
        data: { count: timedOut.length, limit: harness.target.limits.hopTimeoutMs },
        evidence: timedOut.slice(0, 3).map((e) => toEvidence(e, `${Math.round(e.ms)} ms`)),
      });
      return;
    }
    const answered = harness.exchanges.filter((e) => e.status > 0);
    const p95 = percentile(
      answered.map((e) => e.ms),
      95,
    );
    if (p95 <= probe.latencyP95Ms) return;
    const slowest = [...answered].sort((a, b) => b.ms - a.ms).slice(0, 3);
    report({
      messageId: 'p95',
      data: { p95: Math.round(p95), limit: probe.latencyP95Ms, count: answered.length },
      evidence: slowest.map((e) => toEvidence(e, `${Math.round(e.ms)} ms`)),
    });
  },
});
