/**
 * Native libraries (lib/<abi>/*.so): the NDK is a common hiding place for API keys ("the key is
 * in C, so it is safe"). Printable ASCII runs are extracted (like `strings`) from ONE ABI — the
 * same library is built once per ABI — and scanned for known credential formats and URLs only:
 * names are not visible in a stripped binary, so the context detectors do not apply.
 */
import { isDfslabError } from '../../../../core/errors.js';
import type { Apk } from '../../../apk.js';
import {
  extractUrls,
  redactIn,
  scanKnownFormats,
  scanUrlCredentials,
  snippetAround,
} from '../../../secrets/index.js';
import type { ZipEntry } from '../../../zip/index.js';
import { holdsMatchedText } from './text-matcher.js';
import type { Sink } from './types.js';

/** ABIs in order of preference (64-bit ARM is what most phones run). */
const ABI_ORDER = ['arm64-v8a', 'armeabi-v7a', 'x86_64', 'x86', 'armeabi', 'mips64', 'mips'];
const NATIVE = /^lib\/([^/]+)\/([^/]+\.so)$/;
export const MAX_NATIVE_FILE = 32 * 1024 * 1024;
export const MAX_NATIVE_TOTAL = 96 * 1024 * 1024;
/** Shortest printable run kept (shorter runs cannot hold a credential or a URL worth listing). */
const MIN_RUN = 10;

/** Engines and SDKs shipped as native code: their URLs are not the app's endpoints. */
const THIRD_PARTY_NATIVE =
  /^lib(flutter|reactnativejni|hermes|jsc|c\+\+_shared|crashlytics\w*|sentry\w*|monochrome\w*|chrome\w*|cronet\w*|conscrypt\w*|sqlcipher|sqlite\w*|tensorflowlite\w*|tflite\w*|mlkit\w*|barhopper\w*|firebase\w*|unity|il2cpp|main|mono\w*|xamarin\w*|realm\w*|yoga|fb\w*|folly\w*|glog\w*|imagepipeline|gifimage|webp\w*|native-imagetranscoder|ffmpeg|av\w*|sw\w*|opencv\w*|skia\w*|v8\w*|node|j2v8|sodium\w*|crypto|ssl|curl|z)\.so$/;

export function isThirdPartyNative(file: string): boolean {
  return THIRD_PARTY_NATIVE.test(file.slice(file.lastIndexOf('/') + 1));
}

/** The native library entries of the preferred ABI present in the APK. */
function preferredLibs(apk: Apk): ZipEntry[] {
  const byAbi = new Map<string, ZipEntry[]>();
  for (const e of apk.zip.entries) {
    const m = NATIVE.exec(e.name);
    if (!m || e.isDirectory || apk.zip.byName.get(e.name) !== e) continue;
    const list = byAbi.get(m[1]) ?? [];
    list.push(e);
    byAbi.set(m[1], list);
  }
  const abi = ABI_ORDER.find((a) => byAbi.has(a)) ?? [...byAbi.keys()].sort()[0];
  return abi ? (byAbi.get(abi) ?? []) : [];
}

/** -1 (all bits) for a printable ASCII byte, 0 for any other: `run = (run + 1) & PRINTABLE[byte]`. */
const PRINTABLE = new Int32Array(256);
for (let x = 0x20; x < 0x7f; x++) PRINTABLE[x] = -1;

/** Scans one printable run [start, end) of library `file` into `sink`. */
function scanRun(
  bytes: Uint8Array,
  start: number,
  end: number,
  file: string,
  library: boolean,
  sink: Sink,
): void {
  // No known-format head and no '://': no detector below can find anything (most runs).
  if (!holdsMatchedText(bytes, start, end)) return;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  for (const h of [...scanKnownFormats(text), ...scanUrlCredentials(text)]) {
    const snippet = snippetAround(text, h.index, h.secret.length, h.redacted);
    sink.secret(h, { kind: 'native', file, byteOffset: start + h.index, snippet, library });
  }
  for (const u of extractUrls(text)) {
    const snippet = u.userinfo ? redactIn(u.url, [u.userinfo.password]) : u.url;
    sink.url(u, { kind: 'native', file, byteOffset: start + u.index, snippet, library });
  }
}

/** Scans printable runs of the preferred ABI's libraries; returns [files, bytes] scanned. */
export function scanNativeLibs(apk: Apk, sink: Sink): [number, number] {
  let files = 0;
  let total = 0;
  for (const e of preferredLibs(apk)) {
    if (e.uncompressedSize > MAX_NATIVE_FILE || total + e.uncompressedSize > MAX_NATIVE_TOTAL) continue;
    let bytes: Uint8Array;
    try {
      bytes = apk.entryData(e);
    } catch (err) {
      if (!isDfslabError(err)) throw err;
      continue;
    }
    files++;
    total += bytes.length;
    const library = isThirdPartyNative(e.name);
    const n = bytes.length;
    // The length of the printable run ending at i, without a branch per byte (binary data
    // alternates unpredictably); a run is scanned once it reaches MIN_RUN, to its end.
    let run = 0;
    for (let i = 0; i < n; i++) {
      run = (run + 1) & PRINTABLE[bytes[i]];
      if (run !== MIN_RUN) continue;
      const start = i - MIN_RUN + 1;
      let end = i + 1;
      while (end < n && PRINTABLE[bytes[end]] !== 0) end++;
      scanRun(bytes, start, end, e.name, library, sink);
      i = end;
      run = 0;
    }
  }
  return [files, total];
}
