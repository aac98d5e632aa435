import type { ContentDigestAlgorithm } from './constants.js';
import { hexId, signatureAlgorithm } from './constants.js';
import type { ContentDigester } from './digest.js';
import { consolidateLineages } from './lineage.js';
import type { LineageNode, SchemeName, SchemeResult, SigningIssue } from './types.js';
import type { ParsedSigner, SignerContext } from './signer.js';
import { parseSigner } from './signer.js';
import { Cursor, Malformed, equalBytes } from './lp.js';

const PAGE = 4096;

export function emptyScheme(scheme: SchemeName): SchemeResult {
  return {
    scheme,
    present: false,
    checked: false,
    verified: false,
    signers: [],
    ignoredSigners: [],
    errors: [],
    warnings: [],
  };
}

/** Where the signed regions are (to check verity's page alignment). */
export type Layout = { blockOffset: number; cdOffset: number };

export function hasErrors(r: SchemeResult): boolean {
  return r.errors.length > 0 || r.signers.some((s) => s.errors.length > 0);
}

/** Verifies one v2 / v3 / v3.1 scheme block (apksig's V2SchemeVerifier.verify / V3SchemeVerifier.verify). */
export function verifySchemeBlock(
  scheme: SchemeName,
  value: Uint8Array,
  ctx: SignerContext,
  digester: ContentDigester,
  layout: Layout,
): SchemeResult {
  const result = emptyScheme(scheme);
  result.present = true;
  result.checked = true;
  const P = ctx.kind === 'v2' ? 'V2_SIG' : 'V3_SIG';
  const parsed: ParsedSigner[] = [];
  let signers: Cursor;
  try {
    signers = new Cursor(new Cursor(value).lp());
  } catch {
    result.errors.push({ code: `${P}_MALFORMED_SIGNERS`, message: 'Malformed list of signers' });
    return result;
  }
  if (!signers.hasRemaining()) {
    result.errors.push({ code: `${P}_NO_SIGNERS`, message: 'No signers in APK Signature Scheme block' });
    return result;
  }
  while (signers.hasRemaining()) {
    const index = result.signers.length;
    if (index >= ctx.limits.maxSigners) {
      result.errors.push({
        code: `${P}_MALFORMED_SIGNERS`,
        message: `More than ${ctx.limits.maxSigners} signers`,
      });
      return result;
    }
    try {
      const p = parseSigner(signers.lp(), index, ctx);
      parsed.push(p);
      result.signers.push(p.signer);
    } catch (e) {
      if (!(e instanceof Malformed)) throw e;
      result.signers.push({
        index,
        certificates: [],
        signatureAlgorithmIds: [],
        errors: [{ code: `${P}_MALFORMED_SIGNER`, message: `Malformed signer block: ${e.message}` }],
        warnings: [],
      });
      return result;
    }
  }
  if (hasErrors(result)) return result;

  verifyIntegrity(parsed, digester, layout, result, P);
  if (ctx.kind === 'v3') checkV3Ranges(parsed, ctx, result);
  result.verified = !hasErrors(result);
  return result;
}

function verifyIntegrity(
  parsed: ParsedSigner[],
  digester: ContentDigester,
  layout: Layout,
  result: SchemeResult,
  P: string,
): void {
  const wanted = new Set<ContentDigestAlgorithm>();
  for (const p of parsed) for (const a of p.verifiedDigestAlgorithms) wanted.add(a);
  if (wanted.has('VERITY_CHUNKED_SHA256')) {
    if (layout.blockOffset % PAGE !== 0) {
      result.errors.push({
        code: `${P}_VERITY_NOT_ALIGNED`,
        message: `APK Signing Block is not aligned on 4k boundary: ${layout.blockOffset}`,
      });
      return;
    }
    const size = layout.cdOffset - layout.blockOffset;
    if (size % PAGE !== 0) {
      result.errors.push({
        code: `${P}_VERITY_NOT_ALIGNED`,
        message: `APK Signing Block size is not multiple of page size: ${size}`,
      });
      return;
    }
  }
  for (const p of parsed) {
    for (const d of p.digests) {
      const alg = signatureAlgorithm(d.algorithmId);
      if (!alg || !wanted.has(alg.digest)) continue;
      const actual = digester.get(alg.digest);
      if (!equalBytes(actual, d.value)) {
        p.signer.errors.push({
          code: `${P}_APK_DIGEST_DID_NOT_VERIFY`,
          message: `APK integrity check failed. ${alg.digest} digest mismatch. Expected: <${Buffer.from(d.value).toString('hex')}>, actual: <${actual.toString('hex')}>`,
        });
      }
    }
  }
}

/** v3 signers must tile [minSdk, maxSdk] without holes, and lineages must only grow and agree. */
function checkV3Ranges(parsed: ParsedSigner[], ctx: SignerContext, result: SchemeResult): void {
  const byMin = new Map<number, ParsedSigner>();
  for (const p of parsed) byMin.set(p.signer.minSdkVersion ?? 0, p);
  const sorted = [...byMin.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  let firstMin = 0;
  let lastMax = 0;
  let lastLineage = 0;
  const lineages: LineageNode[][] = [];
  const issue = (code: string, message: string): void => {
    result.errors.push({ code, message });
  };
  for (const p of sorted) {
    const min = p.signer.minSdkVersion ?? 0;
    if (firstMin === 0) firstMin = min;
    else if (min !== lastMax + 1)
      issue(
        'V3_INCONSISTENT_SDK_VERSIONS',
        'APK Signature Scheme v3 signers supported min/max SDK versions are not continuous',
      );
    lastMax = p.signer.maxSdkVersion ?? 0;
    if (p.signer.lineage) {
      if (p.signer.lineage.length < lastLineage)
        issue(
          'V3_INCONSISTENT_LINEAGES',
          'SigningCertificateLineages targeting different platform versions are not consistent',
        );
      lastLineage = p.signer.lineage.length;
      lineages.push(p.signer.lineage);
    }
  }
  const needMax = ctx.rotationMinSdk ? ctx.rotationMinSdk - 1 : ctx.maxSdk;
  if (firstMin > ctx.minSdk || lastMax < needMax) {
    issue(
      'V3_MISSING_SDK_VERSIONS',
      `APK Signature Scheme v3 signers supported min/max SDK versions do not cover the entire desired range. Found min: ${firstMin} max: ${lastMax}`,
    );
  }
  const lineage = consolidateLineages(lineages);
  if (lineage === 'inconsistent')
    issue(
      'V3_INCONSISTENT_LINEAGES',
      'SigningCertificateLineages targeting different platform versions are not consistent',
    );
  else if (lineage) result.lineage = lineage;
}

export function flatten(r: SchemeResult): { errors: SigningIssue[]; warnings: SigningIssue[] } {
  const errors = [...r.errors];
  const warnings = [...r.warnings];
  for (const s of r.signers) {
    errors.push(...s.errors);
    warnings.push(...s.warnings);
  }
  return { errors, warnings };
}

export { hexId };
