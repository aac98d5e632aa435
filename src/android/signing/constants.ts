/** APK Signing Block and signature-scheme constants (from AOSP apksig). */

export const FORMAT = 'signing';

export const SIG_BLOCK_MAGIC = 'APK Sig Block 42';
/** The smallest possible block: two 8-byte size fields and the 16-byte magic. */
export const SIG_BLOCK_MIN_SIZE = 32;
/** Footer: uint64 size, then 16 bytes of magic, right before the central directory. */
export const SIG_BLOCK_FOOTER_SIZE = 24;

export const BLOCK_ID = {
  v2: 0x7109871a,
  v3: 0xf05368c0,
  v31: 0x1b93ad61,
  verityPadding: 0x42726577,
  sourceStamp: 0x6dff800d,
  sourceStampV2: 0x2b09189e,
  dependencyInfo: 0x504b4453,
  frostingPlay: 0x2146444e,
} as const;

export const V2_STRIPPING_PROTECTION_ATTR_ID = 0xbeeff00d;
export const V3_PROOF_OF_ROTATION_ATTR_ID = 0x3ba06f8c;
export const V3_ROTATION_MIN_SDK_ATTR_ID = 0x559f8b02;
export const V3_ROTATION_ON_DEV_RELEASE_ATTR_ID = 0xc2a6b3ba;

/** apksigner's scheme version numbers (used by the stripping-protection attribute). */
export const SCHEME_VERSION = { jar: 1, v2: 2, v3: 3, v31: 31 } as const;

export const SDK = {
  JELLY_BEAN_MR2: 18,
  KITKAT: 19,
  LOLLIPOP: 21,
  N: 24,
  O: 26,
  P: 28,
  R: 30,
  T: 33,
} as const;
export const SDK_MAX = 0x7fffffff;

export type ContentDigestAlgorithm = 'CHUNKED_SHA256' | 'CHUNKED_SHA512' | 'VERITY_CHUNKED_SHA256';

export type SignatureAlgorithm = {
  id: number;
  name: string;
  keyType: 'RSA' | 'EC' | 'DSA';
  hash: 'sha256' | 'sha512';
  /** RSA-PSS salt length (bytes), when PSS. */
  pssSalt?: number;
  digest: ContentDigestAlgorithm;
  /** Lowest platform that verifies this algorithm. */
  minSdk: number;
};

const ALGORITHMS: SignatureAlgorithm[] = [
  {
    id: 0x0101,
    name: 'RSA_PSS_WITH_SHA256',
    keyType: 'RSA',
    hash: 'sha256',
    pssSalt: 32,
    digest: 'CHUNKED_SHA256',
    minSdk: SDK.N,
  },
  {
    id: 0x0102,
    name: 'RSA_PSS_WITH_SHA512',
    keyType: 'RSA',
    hash: 'sha512',
    pssSalt: 64,
    digest: 'CHUNKED_SHA512',
    minSdk: SDK.N,
  },
  {
    id: 0x0103,
    name: 'RSA_PKCS1_V1_5_WITH_SHA256',
    keyType: 'RSA',
    hash: 'sha256',
    digest: 'CHUNKED_SHA256',
    minSdk: SDK.N,
  },
  {
    id: 0x0104,
    name: 'RSA_PKCS1_V1_5_WITH_SHA512',
    keyType: 'RSA',
    hash: 'sha512',
    digest: 'CHUNKED_SHA512',
    minSdk: SDK.N,
  },
  {
    id: 0x0201,
    name: 'ECDSA_WITH_SHA256',
    keyType: 'EC',
    hash: 'sha256',
    digest: 'CHUNKED_SHA256',
    minSdk: SDK.N,
  },
  {
    id: 0x0202,
    name: 'ECDSA_WITH_SHA512',
    keyType: 'EC',
    hash: 'sha512',
    digest: 'CHUNKED_SHA512',
    minSdk: SDK.N,
  },
  {
    id: 0x0301,
    name: 'DSA_WITH_SHA256',
    keyType: 'DSA',
    hash: 'sha256',
    digest: 'CHUNKED_SHA256',
    minSdk: SDK.N,
  },
  {
    id: 0x0421,
    name: 'VERITY_RSA_PKCS1_V1_5_WITH_SHA256',
    keyType: 'RSA',
    hash: 'sha256',
    digest: 'VERITY_CHUNKED_SHA256',
    minSdk: SDK.P,
  },
  {
    id: 0x0423,
    name: 'VERITY_ECDSA_WITH_SHA256',
    keyType: 'EC',
    hash: 'sha256',
    digest: 'VERITY_CHUNKED_SHA256',
    minSdk: SDK.P,
  },
  {
    id: 0x0425,
    name: 'VERITY_DSA_WITH_SHA256',
    keyType: 'DSA',
    hash: 'sha256',
    digest: 'VERITY_CHUNKED_SHA256',
    minSdk: SDK.P,
  },
];

const BY_ID = new Map(ALGORITHMS.map((a) => [a.id, a]));

export function signatureAlgorithm(id: number): SignatureAlgorithm | undefined {
  return BY_ID.get(id);
}

export function hexId(id: number): string {
  return `0x${(id >>> 0).toString(16).padStart(8, '0')}`;
}
