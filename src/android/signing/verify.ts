import type { Anomaly } from '../../core/anomaly.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import type { ZipArchive } from '../zip/types.js';
import { BLOCK_ID, SCHEME_VERSION, SDK, SDK_MAX } from './constants.js';
import { ContentDigester, digestInput } from './digest.js';
import { checkCrossScheme } from './policy.js';
import { emptyScheme, flatten, hasErrors, verifySchemeBlock } from './scheme.js';
import type { SigningBlock } from './sigblock.js';
import { describeBlock, findPair, findSigningBlock } from './sigblock.js';
import type { SignerContext } from './signer.js';
import type { SchemeResult, SigningIssue, SigningReport, VerifyOptions } from './types.js';
import { verifyV1 } from './v1/verify.js';
import { withMemo } from './memo.js';

/** Scheme ids that the range [.., maxSdk] knows about (apksig's getSupportedSchemeNames). */
function supportedSchemeIds(maxSdk: number): Set<number> {
  if (maxSdk >= SDK.P) return new Set([SCHEME_VERSION.v2, SCHEME_VERSION.v3]);
  if (maxSdk >= SDK.N) return new Set([SCHEME_VERSION.v2]);
  return new Set();
}

/**
 * Verifies an APK's signatures as `apksigner verify` does for platforms [minSdkVersion, maxSdkVersion]:
 * v3.1, v3, v2 from the APK Signing Block, then v1 (JAR) when the range needs it, then cross-scheme
 * consistency. Never throws for bad signatures (they are errors in the report); throws only
 * DfslabErrors (LimitError for an oversized block) from hostile input.
 */
export function verifyApkSignatures(bytes: Uint8Array, zip: ZipArchive, opts: VerifyOptions): SigningReport {
  return withMemo(() => verifyAll(bytes, zip, opts));
}

function verifyAll(bytes: Uint8Array, zip: ZipArchive, opts: VerifyOptions): SigningReport {
  const limits = opts.limits ?? DEFAULT_LIMITS.signing;
  const minSdk = Math.max(0, opts.minSdkVersion);
  const maxSdk = opts.maxSdkVersion ?? SDK_MAX;
  const anomalies: Anomaly[] = [];
  const report: SigningReport = {
    verified: false,
    minSdkVersion: minSdk,
    maxSdkVersion: maxSdk,
    v1: emptyScheme('v1'),
    v2: emptyScheme('v2'),
    v3: emptyScheme('v3'),
    v31: emptyScheme('v31'),
    signerCertificates: [],
    errors: [],
    warnings: [],
    contentDigests: {},
    anomalies,
  };
  const found = findSigningBlock(bytes, zip, limits);
  let block: SigningBlock | undefined;
  if ('block' in found) {
    block = found.block;
    report.signingBlock = describeBlock(block);
  } else if (found.notFound !== 'No APK Signing Block before ZIP Central Directory') {
    anomalies.push({
      format: 'signing',
      code: 'signing-block-not-found',
      severity: 'warning',
      message: found.notFound,
    });
  }
  const digester = new ContentDigester(
    block ? digestInput(bytes, block.offset, zip.cdOffset, zip.cdSize, zip.eocdOffset) : { sections: [] },
  );
  const layout = { blockOffset: block?.offset ?? 0, cdOffset: zip.cdOffset };
  const foundIds = new Set<number>();
  const supported = supportedSchemeIds(maxSdk);
  const ctxFor = (kind: SignerContext['kind'], min: number): SignerContext => ({
    kind,
    minSdk: min,
    maxSdk,
    limits,
    supportedSchemeIds: supported,
    foundSchemeIds: foundIds,
  });
  const schemeBlock = (id: number, scheme: SchemeResult): Uint8Array | undefined => {
    if (!block) return undefined;
    const pair = findPair(block, id);
    if ('value' in pair) return pair.value;
    scheme.present = report.signingBlock?.pairs.some((p) => p.id === id >>> 0) ?? false;
    if (scheme.present) scheme.warnings.push({ code: 'SIG_BLOCK_NOT_FOUND', message: pair.notFound });
    return undefined;
  };
  const finish = (): SigningReport => finishReport(report, digester);

  if (maxSdk >= SDK.N) {
    if (maxSdk >= SDK.T) {
      const v = schemeBlock(BLOCK_ID.v31, report.v31);
      if (v) {
        report.v31 = verifySchemeBlock('v31', v, ctxFor('v3', Math.max(minSdk, SDK.T)), digester, layout);
        foundIds.add(SCHEME_VERSION.v31);
        if (hasErrors(report.v31)) return finish();
      }
    }
    if (maxSdk >= SDK.P) {
      const v = schemeBlock(BLOCK_ID.v3, report.v3);
      if (v) {
        const ctx = ctxFor('v3', Math.max(minSdk, SDK.P));
        const rotation = Math.min(...report.v31.signers.map((s) => s.minSdkVersion ?? 0));
        if (report.v31.verified && rotation > 0) ctx.rotationMinSdk = rotation;
        report.v3 = verifySchemeBlock('v3', v, ctx, digester, layout);
        foundIds.add(SCHEME_VERSION.v3);
      } else if (foundIds.has(SCHEME_VERSION.v31)) {
        report.errors.push({
          code: 'V31_BLOCK_FOUND_WITHOUT_V3_BLOCK',
          message: 'The APK contains a v3.1 signing block without a v3.0 base block',
        });
      }
      if (hasErrors(report.v3) || report.errors.length > 0) return finish();
    }
    if (minSdk < SDK.P || foundIds.size === 0) {
      const v = schemeBlock(BLOCK_ID.v2, report.v2);
      if (v) {
        report.v2 = verifySchemeBlock('v2', v, ctxFor('v2', Math.max(minSdk, SDK.N)), digester, layout);
        foundIds.add(SCHEME_VERSION.v2);
        if (hasErrors(report.v2)) return finish();
      }
    } else {
      report.v2.present = block ? 'value' in findPair(block, BLOCK_ID.v2) : false;
    }
  }
  if (maxSdk >= SDK.O && (opts.targetSandboxVersion ?? 1) > 1 && foundIds.size === 0) {
    report.errors.push({
      code: 'NO_SIG_FOR_TARGET_SANDBOX_VERSION',
      message: `Missing APK Signature Scheme v2 signature required for target sandbox version ${opts.targetSandboxVersion}`,
    });
  }
  if (minSdk < SDK.N || foundIds.size === 0) {
    report.v1 = verifyV1(bytes, zip, {
      minSdk,
      maxSdk,
      limits,
      supportedSchemeIds: supported,
      foundSchemeIds: foundIds,
      readEntry: opts.readEntry,
    });
  } else {
    report.v1.present = [...zip.byName.keys()].some((n) => n.startsWith('META-INF/') && n.endsWith('.SF'));
  }
  if (report.errors.length > 0 || hasErrors(report.v1)) return finish();
  checkCrossScheme(report, opts);
  return finish();
}

function finishReport(report: SigningReport, digester: ContentDigester): SigningReport {
  const errors: SigningIssue[] = [];
  const warnings: SigningIssue[] = [];
  for (const s of [report.v31, report.v3, report.v2, report.v1]) {
    const f = flatten(s);
    errors.push(...f.errors);
    warnings.push(...f.warnings);
  }
  report.errors = [...errors, ...report.errors];
  report.warnings = [...warnings, ...report.warnings];
  report.contentDigests = digester.computed();
  report.verified =
    report.errors.length === 0 &&
    (report.v1.verified || report.v2.verified || report.v3.verified || report.v31.verified);
  if (!report.verified) {
    report.signerCertificates = [];
    return report;
  }
  const last = <T>(a: T[]): T[] => (a.length > 0 ? [a[a.length - 1]] : []);
  if (report.v31.verified) report.signerCertificates = last(report.v31.signers).map((s) => s.certificates[0]);
  else if (report.v3.verified)
    report.signerCertificates = last(report.v3.signers).map((s) => s.certificates[0]);
  else if (report.v2.verified) report.signerCertificates = report.v2.signers.map((s) => s.certificates[0]);
  else report.signerCertificates = report.v1.signers.map((s) => s.certificates[0]);
  return report;
}
