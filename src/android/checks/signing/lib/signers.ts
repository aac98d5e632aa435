/**
 * Shared helpers for the signing checks: walk the signers of every scheme the APK carries and
 * point evidence at the bytes that hold them (the v1 signature block entry, or the v2/v3 block
 * inside the APK Signing Block).
 */
import type { FileEvidence } from '../../../../core/findings.js';
import type { Apk } from '../../../apk.js';
import {
  BLOCK_ID,
  type CertificateInfo,
  type SchemeName,
  type SchemeResult,
  type SchemeSigner,
  type SigningReport,
} from '../../../signing/index.js';

/** `file` of evidence about the APK container itself (byte offsets are APK offsets). */
export const APK_FILE = '<apk>';

export const SCHEME_LABEL: Record<SchemeName, string> = {
  v1: 'v1 (JAR)',
  v2: 'APK Signature Scheme v2',
  v3: 'APK Signature Scheme v3',
  v31: 'APK Signature Scheme v3.1',
};

export type SignerRef = { scheme: SchemeName; result: SchemeResult; signer: SchemeSigner };

export function schemes(report: SigningReport): SchemeResult[] {
  return [report.v1, report.v2, report.v3, report.v31];
}

/** Every signer of every scheme present, in scheme order (v1 first). */
export function signers(report: SigningReport): SignerRef[] {
  const out: SignerRef[] = [];
  for (const result of schemes(report)) {
    if (!result.present) continue;
    for (const signer of result.signers) out.push({ scheme: result.scheme, result, signer });
  }
  return out;
}

/** Schemes whose data is in the APK. */
export function presentSchemes(report: SigningReport): SchemeName[] {
  return schemes(report)
    .filter((s) => s.present)
    .map((s) => s.scheme);
}

/** Each distinct signing certificate (the signer's own, [0]) with the first signer that uses it. */
export function signingCertificates(report: SigningReport): { cert: CertificateInfo; at: SignerRef }[] {
  const seen = new Map<string, { cert: CertificateInfo; at: SignerRef }>();
  for (const ref of signers(report)) {
    const cert = ref.signer.certificates[0];
    if (cert && !seen.has(cert.sha256)) seen.set(cert.sha256, { cert, at: ref });
  }
  return [...seen.values()];
}

/** Evidence for one signer: its v1 block entry, or its scheme block in the APK Signing Block. */
export function signerEvidence(apk: Apk, ref: SignerRef, note: string): FileEvidence {
  const who = `${SCHEME_LABEL[ref.scheme]} signer #${ref.signer.index + 1}`;
  if (ref.scheme === 'v1') {
    const file = ref.signer.name ? `META-INF/${ref.signer.name}` : 'META-INF/';
    const entry = apk.zip.byName.get(file);
    const ev: FileEvidence = { kind: 'file', file, snippet: `${who}: ${note}` };
    if (entry) {
      ev.byteOffset = 0;
      ev.length = entry.uncompressedSize;
    }
    return ev;
  }
  return schemeEvidence(apk, ref.scheme, `${who}: ${note}`);
}

/** Evidence for a v2/v3 scheme block (its pair in the APK Signing Block, APK offsets). */
export function schemeEvidence(apk: Apk, scheme: Exclude<SchemeName, 'v1'>, note: string): FileEvidence {
  const pair = apk.signing?.signingBlock?.pairs.find((p) => p.id === BLOCK_ID[scheme]);
  const ev: FileEvidence = { kind: 'file', file: APK_FILE, snippet: note };
  if (pair) {
    ev.byteOffset = pair.offset;
    ev.length = pair.length;
  }
  return ev;
}

/** Splits a Java-style distinguished name ('CN=a\, b, O=x') into upper-cased attribute → value. */
export function dnAttributes(dn: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of dn.split(/(?<!\\),\s*/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toUpperCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/\\(.)/g, '$1');
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

export function describeCert(c: CertificateInfo): string {
  const size = c.keySize ? `${c.keyAlgorithm} ${c.keySize}` : c.keyAlgorithm;
  return `${c.subject} (${size}, SHA-256 ${c.sha256})`;
}
