/**
 * The dfslab reference catalogue: MASVS v2.1 controls, CWE entries, OWASP Mobile Top 10 names,
 * FIGI app-audit and USSD/STK tests, and the FIGI Security Assurance Framework (threats, X.805
 * dimensions, best practices, controls). Checks cite entries by id; `validateRefs` tells which
 * cited ids do not exist. zod schemas for every array are in './schema.js' (not loaded here).
 */
import { cweEntry } from './cwe.js';
import { figiAppTest } from './figi-app-tests.js';
import { safBestPractice, safControl, safThreat } from './figi-saf.js';
import { figiUssdTest } from './figi-ussd-tests.js';
import { MASVS_SOURCE, masvsControl } from './masvs.js';
import { CWE_SOURCE } from './cwe.js';
import type { RefKind, ResolvedRef } from './types.js';

export * from './types.js';
export * from './sources.js';
export * from './masvs.js';
export * from './cwe.js';
export * from './owasp-mobile-top10.js';
export * from './figi-app-tests.js';
export * from './figi-ussd-tests.js';
export * from './figi-saf.js';
export { CATALOG_SOURCES as catalogSources } from './sources.js';

function resolveFigi(id: string): ResolvedRef | undefined {
  const app = figiAppTest(id);
  if (app) return { kind: 'figi', id, title: app.title, confirmed: app.confirmed, source: app.source };
  const ussd = figiUssdTest(id);
  if (ussd) return { kind: 'figi', id, title: ussd.title, confirmed: ussd.confirmed, source: ussd.source };
  const control = safControl(id);
  if (control)
    return { kind: 'figi', id, title: control.gist, confirmed: control.confirmed, source: control.source };
  const threat = safThreat(id);
  if (threat) return { kind: 'figi', id, title: threat.name, confirmed: true, source: threat.source };
  const practice = safBestPractice(id);
  if (practice) return { kind: 'figi', id, title: practice.name, confirmed: true, source: practice.source };
  return undefined;
}

/**
 * Looks up a reference. `id` is 'MASVS-NETWORK-1' for masvs; 319, '319' or 'CWE-319' for cwe;
 * a catalogue id such as 'FIGI-APP-T3.1', 'FIGI-USSD-3.4', 'FIGI-SAF-C1', 'FIGI-SAF-T-01' or
 * 'FIGI-SAF-BP-2' for figi. Undefined when the catalogue has no such entry.
 */
export function resolveRef(kind: RefKind, id: string | number): ResolvedRef | undefined {
  if (kind === 'cwe') {
    const e = cweEntry(id);
    return e && { kind, id: `CWE-${e.id}`, title: e.name, confirmed: true, source: CWE_SOURCE };
  }
  if (typeof id !== 'string') return undefined;
  if (kind === 'figi') return resolveFigi(id);
  const m = masvsControl(id);
  return m && { kind, id: m.id, title: m.statement, confirmed: true, source: MASVS_SOURCE };
}

/**
 * The references that do not resolve, as 'MASVS-…', 'CWE-n' or 'FIGI-…' strings in input order
 * (an empty array means everything resolves). The check-registry test fails on a non-empty result.
 */
export function validateRefs(refs: {
  masvs: readonly string[];
  cwe: readonly number[];
  figi: readonly string[];
}): string[] {
  const bad: string[] = [];
  for (const m of refs.masvs) if (!masvsControl(m)) bad.push(m);
  for (const c of refs.cwe) if (!Number.isInteger(c) || !cweEntry(c)) bad.push(`CWE-${c}`);
  for (const f of refs.figi) if (!resolveFigi(f)) bad.push(f);
  return bad;
}
