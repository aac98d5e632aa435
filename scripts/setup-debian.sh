#!/usr/bin/env bash
# Installs what dfslab's build, demo and tests need on Debian 12 (bookworm), and only what is
# missing: the Android reference tools (aapt, apksigner, dexdump, zipalign, smali, platform
# resources, androguard), zip/unzip, binutils (readelf), gcc, a JDK when javac or keytool is
# missing, and Node.js 20 when node is missing or older than 20.19.
# Idempotent and non-interactive. Runs as root, or through sudo when available.
#
#   bash scripts/setup-debian.sh [--with-browser] [--with-postgres]
#     --with-browser   also install chromium (browser tests)
#     --with-postgres  also install postgresql-15 (lab server tests)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

WITH_BROWSER=0
WITH_POSTGRES=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) WITH_BROWSER=1 ;;
    --with-postgres) WITH_POSTGRES=1 ;;
    -h | --help)
      awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *)
      echo "setup-debian: unknown argument: $arg" >&2
      exit 2
      ;;
  esac
done

say() { echo "setup-debian: $*"; }

if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
  say "this script needs Debian (apt-get, dpkg-query); install the tools listed in it by hand" >&2
  exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    SUDO=(sudo -n)
  else
    say "not root and sudo is not available; run as root" >&2
    exit 1
  fi
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

UPDATED=0
apt_update() {
  [ "$UPDATED" -eq 1 ] && return 0
  say "apt-get update"
  "${SUDO[@]}" apt-get update -qq
  UPDATED=1
}

apt_install() {
  [ $# -eq 0 ] && return 0
  apt_update
  say "installing: $*"
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "$@"
}

# Debian packages the project needs, by package name.
WANTED=(aapt apksigner dexdump zipalign libsmali-java android-framework-res androguard zip unzip binutils gcc wrk)
[ "$WITH_BROWSER" -eq 1 ] && WANTED+=(chromium)
[ "$WITH_POSTGRES" -eq 1 ] && WANTED+=(postgresql-15)
if ! command -v javac >/dev/null || ! command -v keytool >/dev/null; then WANTED+=(openjdk-17-jdk-headless); fi

MISSING=()
for pkg in "${WANTED[@]}"; do
  installed "$pkg" || MISSING+=("$pkg")
done
if [ ${#MISSING[@]} -eq 0 ]; then
  say "all Debian packages present (${WANTED[*]})"
else
  apt_install "${MISSING[@]}"
fi

# Node.js >= 20.19 (package.json "engines"). Debian 12 ships 18, so use NodeSource's apt repository.
node_ok() {
  command -v node >/dev/null || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if node_ok; then
  say "node $(node --version) present"
else
  say "node >= 20.19 missing: adding the NodeSource apt repository (node_20.x)"
  NEED=()
  for pkg in curl gnupg ca-certificates; do installed "$pkg" || NEED+=("$pkg"); done
  apt_install "${NEED[@]}"
  "${SUDO[@]}" install -d -m 0755 /etc/apt/keyrings
  curl -fsSL https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key |
    "${SUDO[@]}" gpg --dearmor --yes -o /etc/apt/keyrings/nodesource.gpg
  echo "deb [signed-by=/etc/apt/keyrings/nodesource.gpg] https://deb.nodesource.com/node_20.x nodistro main" |
    "${SUDO[@]}" tee /etc/apt/sources.list.d/nodesource.list >/dev/null
  UPDATED=0
  apt_install nodejs
  node_ok || { say "node is still older than 20.19" >&2; exit 1; }
fi

# Everything the tests call must now be on PATH.
for tool in aapt apksigner dexdump zipalign smali baksmali androguard zip unzip readelf gcc java keytool node npm; do
  command -v "$tool" >/dev/null || { say "$tool is still missing after installing" >&2; exit 1; }
done
[ -f /usr/share/android-framework-res/framework-res.apk ] || { say "framework-res.apk is missing" >&2; exit 1; }
say "ok"
