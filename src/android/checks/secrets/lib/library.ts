/**
 * Which code is the app's own. Hard-coded credentials and http:// URLs inside a bundled library
 * (Play services, OkHttp, Kotlin…) are not something the app's developer can change, and libraries
 * are full of protocol constants ('http://' prefixes, sample keys in docs strings): the
 * context-based detectors and the http:// check skip them. Known-format keys are NOT skipped.
 */
const LIBRARY_PREFIXES = [
  'Landroid/',
  'Landroidx/',
  'Lcom/android/',
  'Ldalvik/',
  'Lkotlin/',
  'Lkotlinx/',
  'Ljava/',
  'Ljavax/',
  'Lsun/',
  'Lcom/google/android/gms/',
  'Lcom/google/android/material/',
  'Lcom/google/android/exoplayer2/',
  'Lcom/google/android/play/',
  'Lcom/google/firebase/',
  'Lcom/google/common/',
  'Lcom/google/gson/',
  'Lcom/google/protobuf/',
  'Lcom/google/crypto/tink/',
  'Lcom/google/zxing/',
  'Lcom/google/i18n/',
  'Lcom/crashlytics/',
  'Lio/fabric/',
  'Lcom/facebook/',
  'Lcom/bumptech/glide/',
  'Lcom/squareup/',
  'Lokhttp3/',
  'Lokio/',
  'Lretrofit2/',
  'Lorg/apache/',
  'Lorg/json/',
  'Lorg/xmlpull/',
  'Lorg/w3c/',
  'Lorg/xml/',
  'Lorg/bouncycastle/',
  'Lorg/spongycastle/',
  'Lorg/slf4j/',
  'Lorg/jetbrains/',
  'Lorg/intellij/',
  'Lorg/joda/',
  'Lorg/greenrobot/',
  'Lio/reactivex/',
  'Lrx/',
  'Ldagger/',
  'Lcom/fasterxml/',
  'Lcom/jakewharton/',
  'Lio/flutter/',
  'Lcom/airbnb/lottie/',
  'Lcom/amazonaws/',
  'Lio/sentry/',
  'Lcom/microsoft/',
  'Lnet/sqlcipher/',
  'Lorg/chromium/',
  'Lorg/mozilla/',
  'Lorg/junit/',
  'Ljunit/',
  'Lorg/mockito/',
  'Lorg/hamcrest/',
];

export function isLibraryClass(cls: string): boolean {
  for (const p of LIBRARY_PREFIXES) if (cls.startsWith(p)) return true;
  return false;
}

/** Test code shipped in the APK (test runners, *Test classes): its credentials are fixtures. */
export function isTestClass(cls: string): boolean {
  return /\/(test|tests|androidTest)\/|Test(s|Case)?;$|\/Mock[A-Z]/.test(cls);
}
