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
import cipherEcbMode from './crypto/ecb-mode.js';
import weakCipher from './crypto/weak-cipher.js';
import weakHash from './crypto/weak-hash.js';
import staticIv from './crypto/static-iv.js';
import hardCodedKey from './crypto/hard-coded-key.js';
import rsaNoOaep from './crypto/rsa-no-oaep.js';
import pbkdfIterations from './crypto/pbkdf-iterations.js';
import insecureRandom from './crypto/insecure-random.js';
import randomConstantSeed from './crypto/secure-random-seed.js';
import smallKeySize from './crypto/small-key-size.js';
export const ANDROID_CHECKS: readonly Check<AuditContext>[] = [debuggable, testOnly, allowBackup, exportedComponents, exportedProvider, minSdk, targetSdk, installLocation, sharedUserId, providerUriGrants, weakPermission, taskHijacking, deepLinks, riskyPermissions, externalStorage, cleartextTraffic, userCa, debugOverrides, overridePins, noPinning, expiredPins, trustAllManager, permissiveHostnameVerifier, insecureSocketFactory, weakTlsProtocol, webviewSslErrorProceed, webviewJavascriptInterface, webviewFileAccess, webviewFileUrlAccess, webviewDebugging, webviewCleartextUrl, cipherEcbMode, weakCipher, weakHash, staticIv, hardCodedKey, rsaNoOaep, pbkdfIterations, insecureRandom, randomConstantSeed, smallKeySize];
