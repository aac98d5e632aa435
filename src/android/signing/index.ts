export { verifyApkSignatures } from './verify.js';
export type {
  CertificateInfo,
  LineageNode,
  SchemeName,
  SchemeResult,
  SchemeSigner,
  SigningBlockInfo,
  SigningIssue,
  SigningReport,
  VerifyOptions,
} from './types.js';
export { BLOCK_ID } from './constants.js';
