/** Matching findings against recall rows, and auditing the shared APKs once per test file. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/core/findings.js';
import { ANDROID_CHECKS } from '../../src/android/checks/index.js';
import { auditBytes } from '../../src/android/testing/check-harness.js';
import { SHARED_APKS } from '../helpers.js';
import type { AppTable, FindingMatcher, RecallRow, StaticRow } from './types.js';

const has = (s: string | undefined, sub: string | undefined): boolean =>
  sub === undefined || (s ?? '').includes(sub);

export function matches(f: Finding, m: FindingMatcher): boolean {
  if (f.checkId !== m.checkId) return false;
  if (m.messageId !== undefined && f.messageId !== m.messageId) return false;
  if (!has(f.message, m.message)) return false;
  if (m.dexClass !== undefined || m.dexMethod !== undefined) {
    if (!f.evidence.some((e) => e.kind === 'dex' && has(e.class, m.dexClass) && has(e.method, m.dexMethod)))
      return false;
  }
  if (m.manifestElement !== undefined || m.manifestAttribute !== undefined || m.manifestValue !== undefined) {
    const ok = f.evidence.some(
      (e) =>
        e.kind === 'manifest' &&
        has(e.element, m.manifestElement) &&
        has(e.attribute, m.manifestAttribute) &&
        has(e.value, m.manifestValue),
    );
    if (!ok) return false;
  }
  if (m.file !== undefined && !f.evidence.some((e) => e.kind === 'file' && e.file.includes(m.file ?? '')))
    return false;
  return true;
}

/** Human-readable form of a matcher, for messages and the docs. */
export function describeMatcher(m: FindingMatcher): string {
  const parts = [m.messageId ? `${m.checkId}/${m.messageId}` : m.checkId];
  if (m.dexClass || m.dexMethod) parts.push(`in ${m.dexClass ?? '*'}->${m.dexMethod ?? '*'}`);
  if (m.manifestElement || m.manifestAttribute || m.manifestValue)
    parts.push(
      `at ${m.manifestElement ?? '*'} ${m.manifestAttribute ?? ''}${m.manifestValue ? `=${m.manifestValue}` : ''}`.trim(),
    );
  if (m.file) parts.push(`file ${m.file}`);
  if (m.message) parts.push(`message ∋ ${JSON.stringify(m.message)}`);
  return parts.join(' ');
}

export function appliesTo(row: { builds?: string[] }, build: string): boolean {
  return !row.builds || row.builds.includes(build);
}

/** The matchers of a static row that no finding satisfies (empty: the row is detected). */
export function missing(row: StaticRow, findings: readonly Finding[]): FindingMatcher[] {
  return row.expect.filter((m) => !findings.some((f) => matches(f, m)));
}

/** Why a matcher failed, in words: which check reported what instead. */
export function explainMiss(m: FindingMatcher, findings: readonly Finding[]): string {
  if (!ANDROID_CHECKS.some((c) => c.id === m.checkId)) return `${m.checkId} does not exist`;
  const same = findings.filter((f) => f.checkId === m.checkId);
  if (!same.length) return `${m.checkId} reported nothing on this APK`;
  return `${m.checkId} reported ${same.length} finding(s), none matching (${same
    .slice(0, 3)
    .map((f) => `${f.messageId}: ${f.message.slice(0, 90)}`)
    .join(' | ')})`;
}

export type Audited = { findings: Finding[]; errors: string[] };
const cache = new Map<string, Promise<Audited>>();

/** Audits a shared APK with every Android check, once per process. */
export function auditShared(path: string): Promise<Audited> {
  let p = cache.get(path);
  if (!p) {
    p = auditBytes(readFileSync(join(SHARED_APKS, path)), [...ANDROID_CHECKS]).then((r) => ({
      findings: r.findings,
      errors: r.errors,
    }));
    cache.set(path, p);
  }
  return p;
}

export function staticRows(t: AppTable, build: string): StaticRow[] {
  return t.rows.filter((r): r is StaticRow => r.static && appliesTo(r, build));
}

export function outOfReach(t: AppTable, build: string): Exclude<RecallRow, StaticRow>[] {
  return t.rows.filter((r): r is Exclude<RecallRow, StaticRow> => !r.static && appliesTo(r, build));
}
