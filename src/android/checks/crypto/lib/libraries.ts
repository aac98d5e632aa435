/**
 * Well-known library packages whose use of a weak primitive is not the app's security decision.
 * Only the checks that say so skip them, and each list says why; app code is never skipped.
 */

function under(prefixes: readonly string[]): (cls: string) => boolean {
  return (cls) => prefixes.some((p) => cls.startsWith(p));
}

/**
 * Libraries that hash with MD5/SHA-1 or draw java.util.Random for non-security purposes: cache
 * keys (Glide, OkHttp's cache, Picasso), package-signature fingerprints and API key headers
 * (Google Play services, Firebase), UUIDs, hash maps and back-off jitter (Kotlin, AndroidX, Guava).
 */
export const isNonSecurityHashLibrary = under([
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
export const isCryptoImplementation = under([
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
export const isGoogleSdk = under([
  'Landroidx/',
  'Landroid/support/',
  'Lcom/google/android/gms/',
  'Lcom/google/firebase/',
]);
