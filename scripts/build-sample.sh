#!/usr/bin/env bash
# Builds samples/demo-wallet.apk from the sources in samples/demo-wallet/ (smali, manifest,
# resources, a tiny C library) with the Debian Android tools, and signs it (v1+v2+v3) with the
# committed test key. See samples/demo-wallet/README.md for the weaknesses planted in it.
#
#   bash scripts/build-sample.sh [--out DIR]     # writes DIR/demo-wallet.apk (default: samples/)
#
# Needs: aapt smali zipalign apksigner zip gcc (scripts/setup-debian.sh installs them).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/samples/demo-wallet"
OUT_DIR="$ROOT/samples"
FRAMEWORK=/usr/share/android-framework-res/framework-res.apk
KS_PASS=dfslab-demo # the test keystore's password: public on purpose, the key is a test key
FIXED_TIME=202001010000 # zip entry times, so rebuilds differ only where the tools differ

while [ $# -gt 0 ]; do
  case "$1" in
    --out)
      [ $# -ge 2 ] || { echo "build-sample: --out needs a directory" >&2; exit 2; }
      OUT_DIR="$2"
      shift 2
      ;;
    -h | --help)
      awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *)
      echo "build-sample: unknown argument: $1" >&2
      exit 2
      ;;
  esac
done

for tool in aapt smali zipalign apksigner zip; do
  command -v "$tool" >/dev/null || { echo "build-sample: $tool is missing (run: bash scripts/setup-debian.sh)" >&2; exit 1; }
done
[ -f "$FRAMEWORK" ] || { echo "build-sample: $FRAMEWORK is missing (apt-get install android-framework-res)" >&2; exit 1; }

# The library goes under lib/x86_64/, so it must be an x86-64 object whatever the host is.
CC=""
if command -v x86_64-linux-gnu-gcc >/dev/null; then
  CC=x86_64-linux-gnu-gcc
elif [ "$(uname -m)" = x86_64 ] && command -v gcc >/dev/null; then
  CC=gcc
fi
[ -n "$CC" ] || { echo "build-sample: need an x86-64 gcc (apt-get install gcc)" >&2; exit 1; }

mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dfslab-sample.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# 1. Native library. Linked against a stub libc.so so it records "NEEDED libc.so" as an NDK
#    build does. Planted (W15): no stack protector, executable stack, no RELRO, lazy binding.
"$CC" -shared -fPIC -nostdlib -O2 -Wl,-soname,libc.so -o "$WORK/libc.so" "$SRC/jni/libc-stub.c"
mkdir -p "$WORK/pkg/lib/x86_64"
"$CC" -shared -fPIC -nostdlib -O1 -fno-stack-protector -U_FORTIFY_SOURCE \
  -z execstack -Wl,-z,norelro -Wl,-z,lazy -Wl,-z,noseparate-code -Wl,--hash-style=both \
  -Wl,--build-id=none -Wl,-soname,libwallet.so -s \
  -o "$WORK/pkg/lib/x86_64/libwallet.so" "$SRC/jni/wallet.c" -L"$WORK" -lc

# 2. Bytecode.
smali a "$SRC/smali" -o "$WORK/pkg/classes.dex"

# 3. Manifest and resources (binary XML + resources.arsc), linked against the platform resources.
aapt package -f -M "$SRC/AndroidManifest.xml" -S "$SRC/res" -I "$FRAMEWORK" -F "$WORK/unsigned.apk"

# 4. Add the code (the .so stored, uncompressed), align, sign.
find "$WORK/pkg" -exec touch -t "$FIXED_TIME" {} +
(cd "$WORK/pkg" && zip -q -X "$WORK/unsigned.apk" classes.dex && zip -q -X -0 "$WORK/unsigned.apk" lib/x86_64/libwallet.so)
zipalign -f 4 "$WORK/unsigned.apk" "$WORK/aligned.apk"
apksigner sign --ks "$SRC/test-keystore.p12" --ks-type PKCS12 --ks-pass "pass:$KS_PASS" --ks-key-alias demo \
  --v1-signing-enabled true --v2-signing-enabled true --v3-signing-enabled true \
  --out "$WORK/signed.apk" "$WORK/aligned.apk"

# 5. Check before publishing.
apksigner verify "$WORK/signed.apk"
zipalign -c 4 "$WORK/signed.apk"
mv "$WORK/signed.apk" "$OUT_DIR/demo-wallet.apk"
echo "build-sample: wrote $OUT_DIR/demo-wallet.apk ($(wc -c <"$OUT_DIR/demo-wallet.apk") bytes)"
