import type { KeyObject } from 'node:crypto';
import type { SigningLimits } from '../../core/limits.js';
import { parseCertificate } from './certs.js';
import type { ContentDigestAlgorithm, SignatureAlgorithm } from './constants.js';
import {
  V2_STRIPPING_PROTECTION_ATTR_ID,
  V3_PROOF_OF_ROTATION_ATTR_ID,
  hexId,
  signatureAlgorithm,
} from './constants.js';
import { readLineage } from './lineage.js';
import { Cursor, equalBytes } from './lp.js';
import { publicKeyFor, verifySignature } from './sigverify.js';
import type { SchemeSigner } from './types.js';

export type SchemeKind = 'v2' | 'v3';

export type SignerContext = {
  kind: SchemeKind;
  minSdk: number;
  maxSdk: number;
  limits: SigningLimits;
  /** v2 stripping protection: scheme ids the platform range supports, and those found so far. */
  supportedSchemeIds: Set<number>;
  foundSchemeIds: Set<number>;
  /** v3 under a verified v3.1 block: v3 signers need only cover up to this SDK minus one. */
  rotationMinSdk?: number;
};

/** A signer plus what integrity checking needs from it. */
export type ParsedSigner = {
  signer: SchemeSigner;
  /** Content digests listed in signed data: algorithm id → bytes. */
  digests: { algorithmId: number; value: Uint8Array }[];
  /** Content digest algorithms whose signatures verified (they get checked against the APK). */
  verifiedDigestAlgorithms: Set<ContentDigestAlgorithm>;
};

const PREFIX: Record<SchemeKind, string> = { v2: 'V2_SIG', v3: 'V3_SIG' };

/** apksig's getSignaturesToVerify: the first signature per content digest among those the range supports. */
export function signaturesToVerify<T extends { alg: SignatureAlgorithm }>(
  sigs: T[],
  minSdk: number,
  maxSdk: number,
): T[] | string {
  const best = new Map<ContentDigestAlgorithm, T>();
  let minProvided = 0x7fffffff;
  for (const s of sigs) {
    if (s.alg.minSdk > maxSdk) continue;
    minProvided = Math.min(minProvided, s.alg.minSdk);
    if (!best.has(s.alg.digest)) best.set(s.alg.digest, s);
  }
  if (minSdk < minProvided)
    return `Minimum provided signature version ${minProvided} > minSdkVersion ${minSdk}`;
  if (best.size === 0) return 'No supported signature';
  return [...best.values()];
}

/**
 * Parses and verifies one v2/v3 signer record (apksig's V2SchemeVerifier/V3SchemeVerifier.parseSigner).
 * Problems become issues on the signer; a Malformed exception (caught by the caller) means MALFORMED_SIGNER.
 */
export function parseSigner(record: Uint8Array, index: number, ctx: SignerContext): ParsedSigner {
  const P = PREFIX[ctx.kind];
  const signer: SchemeSigner = {
    index,
    certificates: [],
    signatureAlgorithmIds: [],
    errors: [],
    warnings: [],
  };
  const out: ParsedSigner = { signer, digests: [], verifiedDigestAlgorithms: new Set() };
  const err = (code: string, message: string): ParsedSigner => {
    signer.errors.push({ code: `${P}_${code}`, message });
    return out;
  };
  const warn = (code: string, message: string): void => {
    signer.warnings.push({ code: `${P}_${code}`, message });
  };
  const c = new Cursor(record);
  const signedData = c.lp();
  let rangeMin = ctx.minSdk;
  let rangeMax = ctx.maxSdk;
  if (ctx.kind === 'v3') {
    signer.minSdkVersion = c.i32();
    signer.maxSdkVersion = c.i32();
    rangeMin = signer.minSdkVersion;
    rangeMax = signer.maxSdkVersion;
    if (rangeMin < 0 || rangeMin > rangeMax) {
      err(
        'INVALID_SDK_VERSIONS',
        `Invalid SDK version range: minSdkVersion ${rangeMin}, maxSdkVersion ${rangeMax}`,
      );
    }
  }
  const signatures = new Cursor(c.lp());
  const publicKeyBytes = c.lp();

  const supported: { alg: SignatureAlgorithm; sig: Uint8Array }[] = [];
  let count = 0;
  while (signatures.hasRemaining()) {
    count++;
    try {
      const s = new Cursor(signatures.lp());
      const id = s.u32();
      const sig = s.lp();
      signer.signatureAlgorithmIds.push(id);
      const alg = signatureAlgorithm(id);
      if (!alg) {
        warn('UNKNOWN_SIG_ALGORITHM', `Unknown signature algorithm: ${hexId(id)}`);
        continue;
      }
      supported.push({ alg, sig });
    } catch {
      return err('MALFORMED_SIGNATURE', `Malformed signature record #${count}`);
    }
  }
  if (signer.signatureAlgorithmIds.length === 0) return err('NO_SIGNATURES', 'No signatures');
  const toVerify = signaturesToVerify(supported, rangeMin, rangeMax);
  if (typeof toVerify === 'string')
    return err('NO_SUPPORTED_SIGNATURES', `No supported signatures: ${toVerify}`);
  for (const { alg, sig } of toVerify) {
    const key: KeyObject | { error: string } = publicKeyFor(alg, publicKeyBytes);
    if ('error' in key) return err('MALFORMED_PUBLIC_KEY', `Malformed public key: ${key.error}`);
    const ok = verifySignature(alg, key, signedData, sig);
    if (ok === false) return err('DID_NOT_VERIFY', `${alg.name} signature over signed-data did not verify`);
    if (ok !== true) return err('VERIFY_EXCEPTION', `Failed to verify ${alg.name} signature: ${ok.error}`);
    out.verifiedDigestAlgorithms.add(alg.digest);
  }

  // A signature verified: signed data can be trusted and parsed.
  const sd = new Cursor(signedData);
  const digests = new Cursor(sd.lp());
  const certificates = new Cursor(sd.lp());
  if (ctx.kind === 'v3') {
    const min = sd.i32();
    if (min !== signer.minSdkVersion) {
      err(
        'MIN_SDK_VERSION_MISMATCH',
        `minSdkVersion mismatch between signed and unsigned in v3 signer block: ${signer.minSdkVersion} vs ${min}`,
      );
    }
    const max = sd.i32();
    if (max !== signer.maxSdkVersion) {
      err(
        'MAX_SDK_VERSION_MISMATCH',
        `maxSdkVersion mismatch between signed and unsigned in v3 signer block: ${signer.maxSdkVersion} vs ${max}`,
      );
    }
  }
  const attributes = new Cursor(sd.lp());

  let certIndex = 0;
  let firstSpki: Uint8Array | undefined;
  while (certificates.hasRemaining()) {
    certIndex++;
    if (certIndex > ctx.limits.maxCerts)
      return err('MALFORMED_CERTIFICATE', `More than ${ctx.limits.maxCerts} certificates`);
    const der = certificates.lp();
    const cert = parseCertificate(der);
    if ('error' in cert)
      return err('MALFORMED_CERTIFICATE', `Malformed certificate #${certIndex}: ${cert.error}`);
    if (!firstSpki) firstSpki = cert.spki;
    signer.certificates.push(cert.info);
  }
  if (!firstSpki) return err('NO_CERTIFICATES', 'No certificates');
  if (!equalBytes(firstSpki, publicKeyBytes)) {
    return err(
      'PUBLIC_KEY_MISMATCH_BETWEEN_CERTIFICATE_AND_SIGNATURES_RECORD',
      'Public key mismatch between certificate and signature record',
    );
  }

  count = 0;
  while (digests.hasRemaining()) {
    count++;
    try {
      const d = new Cursor(digests.lp());
      const algorithmId = d.u32();
      out.digests.push({ algorithmId, value: d.lp() });
    } catch {
      return err('MALFORMED_DIGEST', `Malformed digest record #${count}`);
    }
  }
  const sigIds = signer.signatureAlgorithmIds.join(',');
  const digestIds = out.digests.map((d) => d.algorithmId).join(',');
  if (sigIds !== digestIds) {
    return err(
      'SIG_ALG_MISMATCH_BETWEEN_SIGNATURES_AND_DIGESTS_RECORDS',
      `Signature algorithms mismatch between signatures and digests records: [${signer.signatureAlgorithmIds.map(hexId)}] vs [${out.digests.map((d) => hexId(d.algorithmId))}]`,
    );
  }

  count = 0;
  while (attributes.hasRemaining()) {
    count++;
    let id: number;
    let value: Uint8Array;
    try {
      const a = new Cursor(attributes.lp());
      id = a.u32();
      value = a.rest();
    } catch {
      return err('MALFORMED_ADDITIONAL_ATTRIBUTE', `Malformed additional attribute #${count}`);
    }
    readAttribute(id, value, signer, ctx, err, warn);
  }
  return out;
}

function readAttribute(
  id: number,
  value: Uint8Array,
  signer: SchemeSigner,
  ctx: SignerContext,
  err: (code: string, message: string) => unknown,
  warn: (code: string, message: string) => void,
): void {
  if (ctx.kind === 'v2' && id === V2_STRIPPING_PROTECTION_ATTR_ID) {
    if (value.length < 4) {
      err('MALFORMED_ADDITIONAL_ATTRIBUTE', 'Malformed stripping-protection attribute');
      return;
    }
    const scheme = new DataView(value.buffer, value.byteOffset, 4).getInt32(0, true);
    if (!ctx.supportedSchemeIds.has(scheme)) {
      warn(
        'UNKNOWN_APK_SIG_SCHEME_ID',
        `APK Signature Scheme v2 signer: #${signer.index + 1} references unknown APK signature scheme ID: ${scheme}`,
      );
      return;
    }
    if (!ctx.foundSchemeIds.has(scheme)) {
      err(
        'MISSING_APK_SIG_REFERENCED',
        `APK Signature Scheme v2 signature #${signer.index + 1} indicates the APK is signed using APK Signature Scheme v${scheme} but no such signature was found. Signature stripped?`,
      );
    }
    return;
  }
  if (ctx.kind === 'v3' && id === V3_PROOF_OF_ROTATION_ATTR_ID) {
    const lineage = readLineage(value, ctx.limits.maxCerts);
    if (!Array.isArray(lineage)) {
      err(lineage.code.slice('V3_SIG_'.length), lineage.message);
      return;
    }
    signer.lineage = lineage;
    const last = lineage[lineage.length - 1];
    if (!last || last.certificate.sha256 !== signer.certificates[0].sha256) {
      err(
        'POR_CERT_MISMATCH',
        'APK Signature Scheme v3 signer certificate is not the last certificate of its proof-of-rotation lineage',
      );
    }
    return;
  }
  warn('UNKNOWN_ADDITIONAL_ATTRIBUTE', `Unknown additional attribute: ID ${hexId(id)}`);
}
