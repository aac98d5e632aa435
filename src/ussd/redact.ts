/** Keeps the tester's PIN out of reports: transcripts, messages and the menu map say '<PIN>'. */
import type { Evidence, Finding } from '../core/findings.js';
import { maskSecret } from './screen.js';

function maskEvidence(e: Evidence, pin: string): Evidence {
  if (e.kind !== 'http') return e;
  const m = (s: string): string => maskSecret(s, pin);
  // A URL-encoded '<PIN>' would be unreadable; the query keeps the plain marker.
  const out: Evidence = { ...e, request: { ...e.request, url: m(e.request.url) } };
  if (e.request.body !== undefined) out.request.body = m(e.request.body);
  if (e.response)
    out.response = { ...e.response, ...(e.response.body === undefined ? {} : { body: m(e.response.body) }) };
  if (e.note !== undefined) out.note = m(e.note);
  return out;
}

/** Findings with `pin` masked in messages and evidence (fingerprints are kept: they hash no PIN). */
export function redactFindings(findings: readonly Finding[], pin: string | undefined): Finding[] {
  if (!pin) return [...findings];
  return findings.map((f) => ({
    ...f,
    message: maskSecret(f.message, pin),
    evidence: f.evidence.map((e) => maskEvidence(e, pin)),
  }));
}
