/**
 * `dfslab audit` for one APK: parse once, run every check, apply the team's baseline (accepted
 * findings), compute the FIGI baseline verdict, and build the report every renderer takes.
 */
import { runChecks, type Check, type CheckMeta } from '../../core/check.js';
import { applyBaseline, type BaselineFile } from '../../core/findings.js';
import { DEFAULT_LIMITS, type Limits } from '../../core/limits.js';
import {
  buildReport,
  type CertificateSummary,
  type JsonObject,
  type Report,
  type ToolInfo,
} from '../../core/report/index.js';
import { Apk } from '../apk.js';
import { ANDROID_CHECKS } from '../checks/index.js';
import { inspectApkFrom, readApkParts } from '../inspect.js';
import { endpointInventory } from '../checks/secrets/lib/inventory.js';
import { AuditContext } from './context.js';
import { figiVerdict } from './figi-verdict.js';

export type AuditProgress = (stage: string) => void;

export type AuditOptions = {
  tool: ToolInfo;
  limits?: Limits;
  checks?: readonly Check<AuditContext>[];
  only?: string[];
  skip?: string[];
  baseline?: BaselineFile;
  onProgress?: AuditProgress;
  now?: () => Date;
};

export type AuditResult = {
  report: Report;
  expiredBaselineEntries: number;
  unmatchedBaselineEntries: number;
};

export async function auditApk(
  bytes: Uint8Array,
  fileName: string,
  opts: AuditOptions,
): Promise<AuditResult> {
  const startedAt = (opts.now ?? (() => new Date()))();
  const progress = opts.onProgress ?? (() => undefined);
  progress('reading the APK');
  const apk = Apk.open(bytes, { limits: opts.limits ?? DEFAULT_LIMITS });
  const ctx = new AuditContext(apk);
  progress('parsing manifest, resources, DEX and signatures');
  const timingsMs: Record<string, number> = {};
  await readApkParts(apk, timingsMs);
  const facts = inspectApkFrom(apk, bytes, fileName, timingsMs);
  const checks = opts.checks ?? ANDROID_CHECKS;
  progress(`running ${checks.length} checks`);
  const run = await runChecks(checks as Check<AuditContext>[], ctx, { only: opts.only, skip: opts.skip });
  let findings = run.findings;
  let expired = 0;
  let unmatched = 0;
  if (opts.baseline) {
    const b = applyBaseline(findings, opts.baseline, { now: startedAt });
    findings = b.findings;
    expired = b.expired.length;
    unmatched = b.unmatched.length;
  }
  const m = facts.manifest;
  const certs: CertificateSummary[] = (facts.signing?.certificates ?? []).map((c) => ({
    subject: c.subject,
    issuer: c.issuer,
    serialNumber: c.serialNumber,
    sha256: c.sha256,
    notBefore: c.validFrom,
    notAfter: c.validTo,
    keyAlgorithm: c.keyAlgorithm,
    keySize: c.keySize,
    signatureAlgorithm: c.signatureAlgorithm,
    debug: /CN=Android Debug/i.test(c.subject),
  }));
  const schemes = facts.signing
    ? Object.entries(facts.signing.schemes)
        .filter(([, s]) => s.verified)
        .map(([k]) => (k === 'v31' ? 'v3.1' : k))
    : [];
  const report = buildReport({
    tool: opts.tool,
    target: {
      kind: 'android-apk',
      name: m?.label ? `${m.label} (${m.package})` : (m?.package ?? fileName),
      fileName,
      size: bytes.length,
      sha256: facts.file.sha256,
      package: m?.package,
      versionName: m?.versionName,
      versionCode: m?.versionCode,
      minSdk: m?.minSdk,
      targetSdk: m?.targetSdk,
      signingSchemes: schemes,
      certificates: certs,
    },
    findings,
    rules: run.rules as CheckMeta[],
    errors: run.errors,
    timings: run.timings,
    baseline: figiVerdict(run.rules, findings, run.errors),
    // The app's facts plus the inventory of every URL and host it talks to (not findings).
    facts: JSON.parse(JSON.stringify({ ...facts, endpoints: endpointInventory(ctx) })) as JsonObject,
    startedAt,
    finishedAt: (opts.now ?? (() => new Date()))(),
  });
  return { report, expiredBaselineEntries: expired, unmatchedBaselineEntries: unmatched };
}
