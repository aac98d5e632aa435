/**
 * The one place that says which code is a bundled library rather than the app's own. Checks skip
 * library code for different reasons, so there are several named sets (each says why); a check
 * picks the set that matches its documented behaviour. App code is never skipped.
 *
 * Each predicate is one compiled, anchored regular expression over the class descriptor
 * (`Lpkg/Cls;`): it runs once per code site on large apps, so it does not loop over prefixes.
 */

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/** A predicate true exactly when the text starts with one of `prefixes` (as `startsWith`). */
export function prefixMatcher(prefixes: readonly string[]): (cls: string) => boolean {
  if (prefixes.length === 0) return () => false;
  const re = new RegExp(`^(?:${prefixes.map((p) => p.replace(REGEX_SPECIAL, '\\$&')).join('|')})`);
  return (cls) => re.test(cls);
}

/** Packages both the bundled-library and the secrets sets count as libraries. */
const COMMON_LIBRARY_PREFIXES: readonly string[] = [
  'Landroidx/',
  'Lkotlin/',
  'Lkotlinx/',
  'Ljava/',
  'Ljavax/',
  'Lcom/google/android/gms/',
  'Lcom/google/android/material/',
  'Lcom/google/firebase/',
  'Lcom/google/common/',
  'Lcom/google/gson/',
  'Lcom/google/protobuf/',
  'Lcom/google/crypto/tink/',
  'Lcom/google/android/exoplayer2/',
  'Lcom/crashlytics/',
  'Lio/fabric/',
  'Lcom/facebook/',
  'Lcom/bumptech/glide/',
  'Lcom/squareup/',
  'Lokhttp3/',
  'Lokio/',
  'Lretrofit2/',
  'Lio/reactivex/',
  'Lrx/',
  'Lorg/apache/',
  'Lorg/bouncycastle/',
  'Lorg/spongycastle/',
  'Lorg/jetbrains/',
  'Lorg/intellij/',
  'Lorg/json/',
  'Lcom/fasterxml/',
  'Ldagger/',
  'Lio/flutter/',
  'Lorg/chromium/',
  'Lcom/airbnb/lottie/',
  'Lcom/jakewharton/',
  'Lnet/sqlcipher/',
];

/**
 * Well-known library packages (storage, platform and resilience checks). Their logging, SQL and
 * file calls are not the app's decisions (and mostly run on non-sensitive data), and their
 * root/emulator probes (Crashlytics reports a rooted device, Play services checks its own
 * environment) are telemetry, not a protection of the app.
 */
export const BUNDLED_LIBRARY_PREFIXES: readonly string[] = [
  ...COMMON_LIBRARY_PREFIXES,
  'Landroid/support/',
  'Landroid/arch/',
  'Ljavax/inject/',
  'Lcom/facebook/react/',
  'Lcom/journeyapps/',
  'Ltimber/log/',
];

/** True for a class of a well-known bundled library (see BUNDLED_LIBRARY_PREFIXES). */
export const isBundledLibrary = prefixMatcher(BUNDLED_LIBRARY_PREFIXES);

/**
 * Hard-coded credentials and http:// URLs inside a bundled library (Play services, OkHttp,
 * Kotlin…) or the platform are not something the app's developer can change, and libraries are
 * full of protocol constants ('http://' prefixes, sample keys in docs strings): the secrets
 * checks' context-based detectors and the http:// check skip them (known-format keys are NOT
 * skipped). Wider than BUNDLED_LIBRARY_PREFIXES: it adds the platform's own packages, parsers,
 * logging and test frameworks.
 */
export const SECRETS_LIBRARY_PREFIXES: readonly string[] = [
  ...COMMON_LIBRARY_PREFIXES,
  'Landroid/',
  'Lcom/android/',
  'Ldalvik/',
  'Lsun/',
  'Lcom/google/android/play/',
  'Lcom/google/zxing/',
  'Lcom/google/i18n/',
  'Lorg/xmlpull/',
  'Lorg/w3c/',
  'Lorg/xml/',
  'Lorg/slf4j/',
  'Lorg/joda/',
  'Lorg/greenrobot/',
  'Lcom/amazonaws/',
  'Lio/sentry/',
  'Lcom/microsoft/',
  'Lorg/mozilla/',
  'Lorg/junit/',
  'Ljunit/',
  'Lorg/mockito/',
  'Lorg/hamcrest/',
];

/** True for a class the secrets checks treat as library code (see SECRETS_LIBRARY_PREFIXES). */
export const isSecretsLibrary = prefixMatcher(SECRETS_LIBRARY_PREFIXES);

const TEST_CLASS = /\/(test|tests|androidTest)\/|Test(s|Case)?;$|\/Mock[A-Z]/;

/** Test code shipped in the APK (test runners, *Test classes): its credentials are fixtures. */
export function isTestClass(cls: string): boolean {
  return TEST_CLASS.test(cls);
}

/**
 * Libraries that hash with MD5/SHA-1 or draw java.util.Random for non-security purposes: cache
 * keys (Glide, OkHttp's cache, Picasso), package-signature fingerprints and API key headers
 * (Google Play services, Firebase), UUIDs, hash maps and back-off jitter (Kotlin, AndroidX, Guava).
 */
export const isNonSecurityHashLibrary = prefixMatcher([
  'Landroidx/',
  'Landroid/support/',
  'Lkotlin/',
  'Lkotlinx/',
  'Lcom/google/android/gms/',
  'Lcom/google/firebase/',
  'Lcom/google/common/',
  'Lcom/bumptech/glide/',
  'Lcom/squareup/picasso/',
  'Lokhttp3/',
  'Lokio/',
  'Lcom/squareup/okhttp/',
]);

/**
 * Crypto library implementations that call raw block ciphers on purpose: Tink and Bouncy Castle
 * build CTR, SIV, CMAC and GCM out of `AES/ECB/NoPadding` single-block encryptions.
 */
export const isCryptoImplementation = prefixMatcher([
  'Lcom/google/crypto/tink/',
  'Lorg/bouncycastle/',
  'Lorg/spongycastle/',
  'Lcom/google/android/gms/internal/',
]);

/**
 * Google-maintained SDK internals (AndroidX, the support library, Play services, Firebase) whose
 * WebView settings the app cannot change: e.g. the Mobile Ads SDK's own ad WebView. The fix is
 * updating the SDK, which dependency scanners track; reporting them here is noise for the app team.
 */
export const isGoogleSdk = prefixMatcher([
  'Landroidx/',
  'Landroid/support/',
  'Lcom/google/android/gms/',
  'Lcom/google/firebase/',
]);

/**
 * Namespaces (Java dotted names, as in the manifest) of libraries whose components the build
 * merges into the app's manifest: the manifest checks name the library instead of blaming the app.
 */
export const MERGED_COMPONENT_NAMESPACES: readonly string[] = [
  'androidx.',
  'android.support.',
  'com.google.android.gms.',
  'com.google.firebase.',
  'com.google.android.play.',
  'com.facebook.',
  'com.squareup.',
  'io.flutter.plugins.',
  'com.onesignal.',
  'com.appsflyer.',
  'com.adjust.sdk.',
];
