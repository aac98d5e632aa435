/**
 * Secrets and endpoints scanning library (no check logic): known-format credential detectors,
 * context-gated password/entropy detection, JWT decoding, URL/host extraction, redaction.
 */
export type { SecretHit, SecretKind } from './types.js';
export { DETECTORS, KNOWN_PREFIX, scanKnownFormats } from './detectors.js';
export { scanText, scanAssignments, scanUrlCredentials, scanNamedValue, judgeNamedValue } from './scan.js';
export { decodeJwt, type JwtInfo } from './jwt.js';
export { shannonEntropy, charsetOf, looksRandom, ENTROPY_THRESHOLDS, type Charset } from './entropy.js';
export {
  secretNameKind,
  nameWords,
  isPlaceholder,
  looksLikeCodeOrLabel,
  UUID,
  type SecretNameKind,
} from './names.js';
export { redact, redactIn, snippetAround } from './redact.js';
export {
  bareHost,
  extractUrls,
  isNamespaceUrl,
  isLocalHost,
  isExampleHost,
  isPrivateIp,
  NETWORK_SCHEMES,
  type FoundUrl,
} from './urls.js';
