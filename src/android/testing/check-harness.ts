/**
 * Test harness for Android checks: build real APK fixtures from source (see fixture.ts), audit
 * them with one check, and look at what it reported.
 */
import type { TestContext } from 'node:test';
import { runChecks, type Check } from '../../core/check.js';
import type { Finding } from '../../core/findings.js';
import { requireTool } from '../../../test/helpers.js';
import { Apk } from '../apk.js';
import { AuditContext } from '../audit/context.js';
import { buildFixtures, manifestXml, type FixtureSpec } from './fixture.js';

export type ManifestOpts = Parameters<typeof manifestXml>[0];
/** A full fixture spec, or just manifest options (an app with no code). */
export type CaseSpec =
  | FixtureSpec
  | (ManifestOpts & {
      smali?: FixtureSpec['smali'];
      res?: FixtureSpec['res'];
      files?: FixtureSpec['files'];
      sign?: FixtureSpec['sign'];
    });

export type CaseResult = { findings: Finding[]; errors: string[]; ctx: AuditContext };

const TOOLS = ['aapt', 'zipalign', 'java', 'javac', 'zip'];

function toSpec(c: CaseSpec): FixtureSpec {
  if ('manifest' in c && typeof c.manifest === 'string') return c as FixtureSpec;
  const { smali, res, files, sign, ...m } = c as ManifestOpts & Omit<FixtureSpec, 'manifest'>;
  const spec: FixtureSpec = { manifest: manifestXml(m) };
  if (smali) spec.smali = smali;
  if (res) spec.res = res;
  if (files) spec.files = files;
  if (sign) spec.sign = sign;
  return spec;
}

/** Runs `checks` over an APK's bytes (the same path as `dfslab audit`, restricted to these checks). */
export async function auditBytes<Ctx extends AuditContext>(
  bytes: Uint8Array,
  checks: Check<Ctx>[],
): Promise<CaseResult> {
  const ctx = new AuditContext(Apk.open(bytes));
  const r = await runChecks(checks as unknown as Check<AuditContext>[], ctx);
  return { findings: r.findings, errors: r.errors.map((e) => `${e.checkId}: ${e.message}`), ctx };
}

/**
 * Builds every case as a real signed APK (one batch) and audits each with `check`. Returns []
 * when the toolchain is missing outside CI (the test is then marked skipped); fails in CI.
 */
export async function auditFixtures(
  t: TestContext,
  check: Check<AuditContext>,
  cases: CaseSpec[],
): Promise<CaseResult[]> {
  for (const tool of TOOLS) if (!requireTool(t, tool)) return [];
  const fixtures = buildFixtures(cases.map(toSpec));
  const out: CaseResult[] = [];
  for (const f of fixtures) {
    const r = await auditBytes(f.bytes, [check]);
    if (r.errors.length) throw new Error(`check failed to run on ${f.path}: ${r.errors.join('; ')}`);
    out.push(r);
  }
  return out;
}

export function findingsOf(r: CaseResult | undefined, checkId: string): Finding[] {
  return r ? r.findings.filter((f) => f.checkId === checkId) : [];
}
