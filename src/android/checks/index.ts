/**
 * Every Android check, in one list. Adding a check = a module under checks/<area>/, its test
 * beside it, docs/checks/<ID>.md, and a line here (test/checks-registry.test.ts enforces all four).
 */
import type { Check } from '../../core/check.js';
import type { AuditContext } from '../audit/context.js';
import debuggable from './manifest/debuggable.js';
import testOnly from './manifest/test-only.js';
import allowBackup from './manifest/allow-backup.js';
import exportedComponents from './manifest/exported-components.js';
import exportedProvider from './manifest/exported-provider.js';
import minSdk from './manifest/min-sdk.js';
import targetSdk from './manifest/target-sdk.js';
import installLocation from './manifest/install-location.js';
import sharedUserId from './manifest/shared-user-id.js';
import providerUriGrants from './manifest/provider-uri-grants.js';
import weakPermission from './manifest/weak-permission.js';
import taskHijacking from './manifest/task-hijacking.js';
import deepLinks from './manifest/deep-links.js';
import riskyPermissions from './manifest/risky-permissions.js';
import externalStorage from './manifest/external-storage.js';
import cleartextTraffic from './network/cleartext.js';
import userCa from './network/user-ca.js';
import debugOverrides from './network/debug-overrides.js';
import overridePins from './network/override-pins.js';
import noPinning from './network/no-pinning.js';
import expiredPins from './network/expired-pins.js';
import backupAgent from './manifest/backup-agent.js';
import fragileUserData from './manifest/fragile-user-data.js';
import profileable from './manifest/profileable.js';
import nscProblems from './network/nsc-problems.js';
import manifestSecrets from './manifest/manifest-secrets.js';

import trustAllManager from './network-code/trust-all-manager.js';
import permissiveHostnameVerifier from './network-code/hostname-verifier.js';
import insecureSocketFactory from './network-code/insecure-socket-factory.js';
import weakTlsProtocol from './network-code/weak-tls-protocol.js';
import webviewSslErrorProceed from './webview/ssl-error-proceed.js';
import webviewJavascriptInterface from './webview/javascript-interface.js';
import webviewFileAccess from './webview/file-access.js';
import webviewFileUrlAccess from './webview/file-url-access.js';
import webviewDebugging from './webview/debugging.js';
import webviewCleartextUrl from './webview/cleartext-url.js';
import webviewIntentUrl from './webview/intent-url.js';
import webviewMixedContent from './webview/mixed-content.js';
import webviewExternalFileUrl from './webview/external-file-url.js';
import cipherEcbMode from './crypto/ecb-mode.js';
import weakCipher from './crypto/weak-cipher.js';
import weakHash from './crypto/weak-hash.js';
import cryptoXorCipher from './crypto/xor-cipher.js';
import staticIv from './crypto/static-iv.js';
import hardCodedKey from './crypto/hard-coded-key.js';
import rsaNoOaep from './crypto/rsa-no-oaep.js';
import pbkdfIterations from './crypto/pbkdf-iterations.js';
import insecureRandom from './crypto/insecure-random.js';
import randomConstantSeed from './crypto/secure-random-seed.js';
import smallKeySize from './crypto/small-key-size.js';
import storageWorldAccessible from './storage/world-mode.js';
import storageExternalWrite from './storage/external-storage-write.js';
import storageSqlConcatenation from './storage/sql-concatenation.js';
import storageReleaseLogging from './storage/release-logging.js';
import storageClipboard from './storage/clipboard.js';
import storagePrefsSecrets from './storage/prefs-secrets.js';
import storageInputFields from './storage/input-fields.js';
import platformDynamicCode from './platform/dynamic-code-loading.js';
import platformCommandExec from './platform/command-exec.js';
import platformPendingIntent from './platform/pending-intent.js';
import platformNoFlagSecure from './platform/no-flag-secure.js';
import platformNoTapjacking from './platform/no-tapjacking-protection.js';
import platformImplicitBroadcast from './platform/implicit-broadcast.js';
import resilienceNoRootDetection from './resilience/no-root-detection.js';
import resilienceNoEmulatorDetection from './resilience/no-emulator-detection.js';
import resilienceNoDebuggerDetection from './resilience/no-debugger-detection.js';
import resilienceNoIntegrity from './resilience/no-integrity-attestation.js';
import resilienceNoObfuscation from './resilience/no-obfuscation.js';
import platformDynamicReceiver from './platform/dynamic-receiver.js';
import secretPrivateKey from './secrets/private-key.js';
import secretApiKey from './secrets/api-key.js';
import secretJwt from './secrets/jwt.js';
import secretUrlCredentials from './secrets/url-credentials.js';
import secretPassword from './secrets/password.js';
import secretBackdoorLogin from './secrets/backdoor-login.js';
import endpointCleartext from './secrets/cleartext-endpoint.js';
import endpointFirebaseDatabase from './secrets/firebase-database.js';
import signDebugCertificate from './signing/debug-certificate.js';
import signJanusV1Only from './signing/janus-v1-only.js';
import signNoV1OldMinSdk from './signing/no-v1-old-min-sdk.js';
import signNotVerified from './signing/signature-not-verified.js';
import signWeakDigest from './signing/weak-signature-digest.js';
import signWeakKey from './signing/weak-signing-key.js';
import signCertValidity from './signing/certificate-validity.js';
import signMultipleSigners from './signing/multiple-signers.js';
import pkgDuplicateEntries from './packaging/duplicate-entries.js';
import pkgPrefixData from './packaging/prefix-data.js';
import pkgLocalCentralMismatch from './packaging/local-central-mismatch.js';
import pkgPathTraversal from './packaging/path-traversal.js';
import pkgZipStructure from './packaging/zip-structure.js';
import pkgUnloadedDex from './packaging/unloaded-dex.js';
import pkgNativeAlignment from './packaging/native-alignment.js';
import nativeNoStackProtector from './native/no-stack-protector.js';
import nativeExecutableStack from './native/executable-stack.js';
import nativeNoRelro from './native/no-relro.js';
import nativeTextRelocations from './native/text-relocations.js';
import nativeWritableExecutable from './native/writable-executable.js';
import nativeNonPie from './native/non-pie.js';
import nativeCommandImports from './native/command-imports.js';
export const ANDROID_CHECKS: readonly Check<AuditContext>[] = [
  debuggable,
  testOnly,
  allowBackup,
  exportedComponents,
  exportedProvider,
  minSdk,
  targetSdk,
  installLocation,
  sharedUserId,
  providerUriGrants,
  weakPermission,
  taskHijacking,
  deepLinks,
  riskyPermissions,
  externalStorage,
  cleartextTraffic,
  userCa,
  debugOverrides,
  overridePins,
  noPinning,
  expiredPins,
  backupAgent,
  fragileUserData,
  profileable,
  nscProblems,
  manifestSecrets,
  trustAllManager,
  permissiveHostnameVerifier,
  insecureSocketFactory,
  weakTlsProtocol,
  webviewSslErrorProceed,
  webviewJavascriptInterface,
  webviewFileAccess,
  webviewFileUrlAccess,
  webviewDebugging,
  webviewCleartextUrl,
  webviewIntentUrl,
  webviewMixedContent,
  webviewExternalFileUrl,
  cipherEcbMode,
  weakCipher,
  weakHash,
  cryptoXorCipher,
  staticIv,
  hardCodedKey,
  rsaNoOaep,
  pbkdfIterations,
  insecureRandom,
  randomConstantSeed,
  smallKeySize,
  storageWorldAccessible,
  storageExternalWrite,
  storageSqlConcatenation,
  storageReleaseLogging,
  storageClipboard,
  storagePrefsSecrets,
  storageInputFields,
  platformDynamicCode,
  platformCommandExec,
  platformPendingIntent,
  platformNoFlagSecure,
  platformNoTapjacking,
  platformImplicitBroadcast,
  resilienceNoRootDetection,
  resilienceNoEmulatorDetection,
  resilienceNoDebuggerDetection,
  resilienceNoIntegrity,
  resilienceNoObfuscation,
  platformDynamicReceiver,
  secretPrivateKey,
  secretApiKey,
  secretJwt,
  secretUrlCredentials,
  secretPassword,
  secretBackdoorLogin,
  endpointCleartext,
  endpointFirebaseDatabase,
  signDebugCertificate,
  signJanusV1Only,
  signNoV1OldMinSdk,
  signNotVerified,
  signWeakDigest,
  signWeakKey,
  signCertValidity,
  signMultipleSigners,
  pkgDuplicateEntries,
  pkgPrefixData,
  pkgLocalCentralMismatch,
  pkgPathTraversal,
  pkgZipStructure,
  pkgUnloadedDex,
  pkgNativeAlignment,
  nativeNoStackProtector,
  nativeExecutableStack,
  nativeNoRelro,
  nativeTextRelocations,
  nativeWritableExecutable,
  nativeNonPie,
  nativeCommandImports,
];
