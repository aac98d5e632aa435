import { defineAndroidCheck } from '../../audit/context.js';
import type { Evidence } from '../../../core/findings.js';
import type { SigningIssue } from '../../signing/index.js';
import { APK_FILE, presentSchemes } from './lib/signers.js';

/** Errors that only say "there is no v1 signature" (AND-SIGN-003 reports that case). */
const NO_V1 = new Set(['JAR_SIG_NO_SIGNATURES', 'JAR_SIG_NO_MANIFEST']);
/** At most this many distinct errors are quoted in the evidence. */
const MAX_QUOTED = 8;

function quoted(errors: readonly SigningIssue[]): { text: string; evidence: Evidence[] } {
  const byCode = new Map<string, { issue: SigningIssue; count: number }>();
  for (const e of errors) {
    const seen = byCode.get(e.code);
    if (seen) seen.count++;
    else byCode.set(e.code, { issue: e, count: 1 });
  }
  const groups = [...byCode.values()];
  const evidence: Evidence[] = groups.slice(0, MAX_QUOTED).map(({ issue, count }) => ({
    kind: 'text',
    text: `${issue.code}: ${issue.message}${count > 1 ? ` (and ${count - 1} more like it)` : ''}`,
  }));
  const text =
    groups
      .map((g) => g.issue.code)
      .slice(0, MAX_QUOTED)
      .join(', ') + (groups.length > MAX_QUOTED ? ', …' : '');
  return { text, evidence };
}

/**
 * What `apksigner verify` says for the SDK range the manifest declares: an APK that does not
 * verify is refused by the package manager, or was altered after signing.
 */
export default defineAndroidCheck({
  id: 'AND-SIGN-004',
  name: 'signature-not-verified',
  title: 'APK signature does not verify',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-2'], cwe: [347], figi: [] },
  needs: ['signing'],
  messages: {
    unsigned:
      'The APK carries no signature at all: Android refuses to install it, and nothing ties it to its publisher.',
    failed:
      'The APK signature does not verify for API {min}+ ({errors}): the package manager refuses it, or the file was changed after signing.',
    unreadable: 'The signature data could not be read: {reason}.',
  },
  remediation:
    'Re-sign the exact file you distribute with apksigner (after zipalign, never before), then run `apksigner verify --verbose --min-sdk-version <minSdk>` on it; distribute only APKs that verify. If this is a downloaded copy, treat it as tampered and compare it with the one from your build server.',
  run(ctx, report) {
    const signing = ctx.apk.signing;
    if (!signing) {
      const err = ctx.apk.errors.find((e) => e.part === 'signing');
      if (err)
        report({
          messageId: 'unreadable',
          data: { reason: err.message },
          evidence: { kind: 'text', text: `${err.code}: ${err.message}` },
        });
      return;
    }
    if (signing.verified) return;
    const present = presentSchemes(signing);
    if (present.length === 0) {
      report({
        messageId: 'unsigned',
        evidence: {
          kind: 'file',
          file: APK_FILE,
          snippet: 'no META-INF/*.SF signature and no APK Signing Block',
        },
      });
      return;
    }
    const v2plusVerified = signing.v2.verified || signing.v3.verified || signing.v31.verified;
    const onlyNoV1 = !signing.v1.present && v2plusVerified && signing.errors.every((e) => NO_V1.has(e.code));
    if (onlyNoV1) return; // AND-SIGN-003
    const { text, evidence } = quoted(
      signing.errors.length ? signing.errors : [{ code: 'NOT_VERIFIED', message: 'no scheme verified' }],
    );
    report({ messageId: 'failed', data: { min: signing.minSdkVersion, errors: text }, evidence });
  },
});
