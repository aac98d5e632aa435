import { SDK } from './constants.js';
import type { SigningReport, VerifyOptions } from './types.js';

/**
 * apksigner's checks after each scheme verified on its own: v1 and v2 signers must be the same
 * certificates, a v3 signer must match (or descend through its lineage from) the v1/v2 signer,
 * and targetSdk >= 30 needs a v2+ signature.
 */
export function checkCrossScheme(report: SigningReport, opts: VerifyOptions): void {
  const { v1, v2, v3 } = report;
  if (v1.verified && v2.verified) {
    const v1Certs = v1.signers.map((s) => s.certificates[0]?.sha256);
    const v2Certs = v2.signers.map((s) => s.certificates[0]?.sha256);
    const i = v1Certs.findIndex((c) => !v2Certs.includes(c));
    if (i >= 0) {
      v1.signers[i].errors.push({
        code: 'V2_SIG_MISSING',
        message: 'No APK Signature Scheme v2 signature from this signer despite APK being v2 signed',
      });
    }
    const j = v2Certs.findIndex((c) => !v1Certs.includes(c));
    if (j >= 0) {
      v2.signers[j].errors.push({
        code: 'JAR_SIG_MISSING',
        message:
          'No JAR signature from this signer, despite APK being signed with APK Signature Scheme v2 using this signer',
      });
    }
  }
  if (v3.verified && (v1.verified || v2.verified)) {
    const past = v1.verified ? v1.signers : v2.signers;
    if (past.length !== 1) {
      report.errors.push({
        code: 'V3_SIG_MULTIPLE_PAST_SIGNERS',
        message: 'APK Signature Scheme v3 signed APK has more than one v1/v2 signer',
      });
    }
    const old = past[0]?.certificates[0]?.sha256;
    const lineage = v3.lineage;
    if (!lineage) {
      if (v3.signers.length !== 1) {
        report.errors.push({
          code: 'V3_SIG_MULTIPLE_SIGNERS',
          message: 'APK Signature Scheme v3 signature has multiple signers without a lineage',
        });
      }
      if (old !== v3.signers[0]?.certificates[0]?.sha256) {
        report.errors.push({
          code: 'V3_SIG_PAST_SIGNERS_MISMATCH',
          message: 'v3 signer differs from v1/v2 signer without proper signing certificate lineage',
        });
      }
    } else if (lineage[0]?.certificate.sha256 !== old) {
      report.errors.push({
        code: 'V3_SIG_PAST_SIGNERS_MISMATCH',
        message: 'v3 signer differs from v1/v2 signer without proper signing certificate lineage',
      });
    }
  }
  const target = opts.targetSdkVersion;
  if (
    target !== undefined &&
    target >= SDK.R &&
    report.maxSdkVersion >= target &&
    !v2.verified &&
    !v3.verified &&
    !report.v31.verified
  ) {
    report.errors.push({
      code: 'MIN_SIG_SCHEME_FOR_TARGET_SDK_NOT_MET',
      message: `Target SDK version ${target} requires a minimum of signature scheme v2; the APK is not signed with this or a later signature scheme`,
    });
  }
}
