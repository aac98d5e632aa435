import type { Anomaly } from '../../core/anomaly.js';
import type { SigningLimits } from '../../core/limits.js';
import type { ZipEntry } from '../zip/types.js';

/** One problem found while verifying, named like apksigner's `ApkVerifier.Issue` (e.g. 'V2_SIG_DID_NOT_VERIFY'). */
export type SigningIssue = { code: string; message: string };

export type CertificateInfo = {
  /** DER bytes (a view into the APK or into the signature block being parsed). */
  der: Uint8Array;
  sha256: string;
  sha1: string;
  md5: string;
  subject: string;
  issuer: string;
  /** Hex, as node prints it. */
  serialNumber: string;
  /** 'RSA' | 'EC' | 'DSA' | 'Ed25519' …, from the SubjectPublicKeyInfo. */
  keyAlgorithm: string;
  /** RSA modulus bits, DSA p bits, EC field bits. */
  keySize?: number;
  /** EC named curve (e.g. 'prime256v1'). */
  curve?: string;
  publicKeySha256: string;
  /** The certificate's own signature algorithm (name and OID), e.g. 'sha256WithRSAEncryption'. */
  signatureAlgorithm: string;
  signatureAlgorithmOid: string;
  validFrom: string;
  validTo: string;
};

export type LineageNode = {
  certificate: CertificateInfo;
  /** Capability flags (1 installed data, 2 shared uid, 4 permission, 8 rollback, 16 auth). */
  flags: number;
  /** Algorithm the previous certificate's key used to sign this node (0 for the first). */
  parentSignatureAlgorithmId: number;
  /** Algorithm this node's key uses to sign the next node. */
  signatureAlgorithmId: number;
};

export type SchemeName = 'v1' | 'v2' | 'v3' | 'v31';

export type SchemeSigner = {
  index: number;
  /** v1: the signature block name without META-INF/ (e.g. 'CERT.RSA'). */
  name?: string;
  /** Certificates as listed (v2/v3) or the signing chain (v1); [0] is the signer's. */
  certificates: CertificateInfo[];
  /** Signature algorithm ids (v2/v3) present in the signer's signatures record. */
  signatureAlgorithmIds: number[];
  /** v3: the SDK range this signer claims. */
  minSdkVersion?: number;
  maxSdkVersion?: number;
  /** v3: proof-of-rotation lineage, oldest first. */
  lineage?: LineageNode[];
  errors: SigningIssue[];
  warnings: SigningIssue[];
};

export type SchemeResult = {
  scheme: SchemeName;
  /** The scheme's data is in the APK (v1: a META-INF/*.SF with its block; v2+: the block id). */
  present: boolean;
  /** The platform range required checking it (apksigner's order and early stop). */
  checked: boolean;
  /** Checked and no errors (what apksigner prints as "Verified using … scheme"). */
  verified: boolean;
  signers: SchemeSigner[];
  /** v1: signers whose .SF entries do not cover the APK (apksigner's "ignored signers"). */
  ignoredSigners: SchemeSigner[];
  errors: SigningIssue[];
  warnings: SigningIssue[];
  /** v3/v3.1: the consolidated rotation lineage, oldest first. */
  lineage?: LineageNode[];
};

export type SigningBlockInfo = {
  offset: number;
  /** Total size including both size fields and the magic. */
  size: number;
  pairs: { id: number; offset: number; length: number }[];
};

export type SigningReport = {
  /** The `apksigner verify` verdict for [minSdkVersion, maxSdkVersion]. */
  verified: boolean;
  minSdkVersion: number;
  maxSdkVersion: number;
  v1: SchemeResult;
  v2: SchemeResult;
  v3: SchemeResult;
  v31: SchemeResult;
  /** What apksigner prints as "Signer #n certificate" when verified (else empty). */
  signerCertificates: CertificateInfo[];
  /** Every error of every scheme and signer, plus the cross-scheme ones. */
  errors: SigningIssue[];
  warnings: SigningIssue[];
  signingBlock?: SigningBlockInfo;
  /** Content digests this run computed (hex), keyed by 'CHUNKED_SHA256' | 'CHUNKED_SHA512' | 'VERITY_CHUNKED_SHA256'. */
  contentDigests: Record<string, string>;
  anomalies: Anomaly[];
};

export type VerifyOptions = {
  minSdkVersion: number;
  /** Defaults to no upper bound (apksigner's Integer.MAX_VALUE). */
  maxSdkVersion?: number;
  /** From the manifest; when > 1 and maxSdk >= 26, a v2+ signature is required. */
  targetSandboxVersion?: number;
  /** From the manifest; targetSdk >= 30 requires v2+ when maxSdk >= targetSdk. */
  targetSdkVersion?: number;
  limits?: SigningLimits;
  /**
   * Supplies an entry's uncompressed bytes, so a caller that already inflated entries (the Apk
   * cache) does not inflate them again. Must apply the zip limits itself. Defaults to inflating.
   */
  readEntry?: (e: ZipEntry) => Uint8Array;
};
