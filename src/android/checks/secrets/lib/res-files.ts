/**
 * Resource string values (resources.arsc, every configuration) and text files (assets, res/raw,
 * other non-code entries), scanned with the same detectors as DEX strings.
 */
import { constants as zlibConstants, inflateRawSync } from 'node:zlib';
import { isDfslabError } from '../../../../core/errors.js';
import type { Apk } from '../../../apk.js';
import { ARSC_PATH } from '../../../apk.js';
import { entriesOf, forEachStringRef, DEFAULT_CONFIG, type ResourceTable } from '../../../arsc/index.js';
import {
  bareHost,
  extractUrls,
  redactIn,
  scanNamedValue,
  scanText,
  secretNameKind,
  snippetAround,
  type FoundUrl,
  type SecretHit,
} from '../../../secrets/index.js';
import type { ZipEntry } from '../../../zip/index.js';
import { resourceStringMayMatch } from './string-filter.js';
import type { Sink, StringSource } from './types.js';

/** Largest single text file scanned (JS bundles of React Native apps reach a few MB). */
export const MAX_TEXT_FILE = 8 * 1024 * 1024;
/** Total text bytes scanned per APK. */
export const MAX_TEXT_TOTAL = 32 * 1024 * 1024;
/** Bytes sniffed to tell text from binary. */
const SNIFF = 1024;
/** Compressed bytes inflated to sniff an entry without inflating all of it (most are binary). */
const SNIFF_INPUT = 2048;
/** Bound on what the sniff inflation may produce (a highly compressible start). */
const SNIFF_OUTPUT_CAP = 64 * 1024;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

const TEXT_EXT =
  /\.(json|txt|xml|properties|prop|cfg|conf|config|ini|yaml|yml|js|mjs|bundle|html|htm|css|csv|pem|key|crt|cer|env|plist|toml|graphql|gql|sql|md|jsonc|json5|dat|text|js\.map)$/i;
const BINARY_EXT =
  /\.(png|jpe?g|gif|webp|bmp|ico|mp3|mp4|ogg|wav|m4a|aac|ttf|otf|woff2?|so|dex|arsc|jar|zip|apk|gz|bz2|xz|7z|tflite|pb|bin|db|sqlite|realm|mov|avi|webm|flac|ktx|astc|pkm|der|p12|pfx|bks|jks|keystore|class|odex|vdex|oat|art)$/i;

/** '…/values-fr' style names, without the package prefix: 'pkg:string/api_key' → 'string/api_key'. */
function shortName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

function entryOffsetOf(table: ResourceTable, id: number, config: string): number | undefined {
  try {
    const wanted = config === DEFAULT_CONFIG ? '' : config;
    return entriesOf(table, id).find((e) => e.chunk.configName === wanted)?.offset;
  } catch (e) {
    if (!isDfslabError(e)) throw e;
    return undefined;
  }
}

/** What one distinct pool string gives on its own, or null for nothing. */
type Judged = { hits: SecretHit[]; urls: FoundUrl[] };

/**
 * Every string value of the table (all configurations), as secrets, named secrets and URLs. Each
 * distinct pool string is judged on its own once (patterns, URLs, a bare host): translations and
 * repeated labels share pool strings, and most give nothing, so most values are passed over on
 * their pool index. A named secret depends on the entry's name too: it is judged per value, only
 * in the default configuration and only where the name says secret. Returns how many values were read.
 */
export function scanResources(table: ResourceTable, sink: Sink): number {
  let n = 0;
  const pool = table.strings;
  const judged = new Array<Judged | null | undefined>(pool.count);
  const secretNames = new Map<string, boolean>();
  const span = { start: 0, end: 0 };
  forEachStringRef(table, (r) => {
    // Most values are ruled out on their pool index (judged before) or their bytes, undecoded.
    let j = judged[r.pool];
    if (j === undefined) {
      if (!pool.span(r.pool, span)) return; // malformed: get() gives undefined, not counted
      if (!resourceStringMayMatch(table.bytes, span.start, span.end, !pool.utf8)) j = judged[r.pool] = null;
    }
    n++; // a judged index was located before: it is well-formed
    // Named secrets only in the default configuration (other configurations are translations),
    // under a name that says secret.
    let name: string | undefined;
    let secretName = false;
    if (r.config === DEFAULT_CONFIG && (j === undefined || j === null || j.hits.length === 0)) {
      name = shortName(r.name());
      let kind = secretNames.get(name);
      if (kind === undefined) secretNames.set(name, (kind = secretNameKind(name) !== undefined));
      secretName = kind;
    }
    if (j === null && !secretName) return;
    const value = pool.get(r.pool);
    if (value === undefined || value.length < 4) return;
    if (j === undefined) {
      const hits = scanText(value);
      const host = bareHost(value);
      const urls = host ? [host] : extractUrls(value);
      j = judged[r.pool] = hits.length > 0 || urls.length > 0 ? { hits, urls } : null;
    }
    const named =
      name !== undefined && secretName && (j === null || j.hits.length === 0)
        ? scanNamedValue(value, [name])
        : undefined;
    if (j === null && !named) return;
    name ??= shortName(r.name());
    const offset = entryOffsetOf(table, r.id, r.config);
    const source: StringSource = { kind: 'resource', file: ARSC_PATH, id: r.id, name, config: r.config };
    if (offset !== undefined) source.offset = offset;
    for (const h of j?.hits ?? []) sink.secret(h, source);
    if (named) sink.secret(named, source);
    for (const u of j?.urls ?? []) sink.url(u, source);
  });
  return n;
}

function isTextCandidate(e: ZipEntry): boolean {
  if (e.isDirectory || e.uncompressedSize === 0 || e.uncompressedSize > MAX_TEXT_FILE) return false;
  const name = e.name;
  if (name.startsWith('META-INF/') || name === ARSC_PATH || name === 'AndroidManifest.xml') return false;
  if (/^classes\d*\.dex$/.test(name) || name.startsWith('lib/')) return false;
  // Compiled resources are binary XML; res/raw holds the app's files verbatim.
  if (name.startsWith('res/') && !name.startsWith('res/raw/')) return false;
  return !BINARY_EXT.test(name);
}

/** Looks like text: no NUL and few control bytes in the first SNIFF bytes. */
function looksText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control * 20 < n;
}

/**
 * The first bytes of an entry (at least min(SNIFF, size) of them) from a partial inflation, or
 * undefined when that is not possible (the caller then inflates the whole entry). A binary entry
 * is skipped without inflating it: its verdict is the same as on the whole data.
 */
function sniffPrefix(apk: Apk, e: ZipEntry): Uint8Array | undefined {
  const start = e.dataOffset;
  if (!Number.isSafeInteger(start) || start < 0 || start + e.compressedSize > apk.bytes.length)
    return undefined;
  const input = apk.bytes.subarray(start, start + Math.min(e.compressedSize, SNIFF_INPUT));
  let out: Uint8Array;
  if (e.method === METHOD_STORED) out = input;
  else if (e.method === METHOD_DEFLATED) {
    try {
      out = inflateRawSync(input, {
        finishFlush: zlibConstants.Z_SYNC_FLUSH,
        maxOutputLength: SNIFF_OUTPUT_CAP,
      });
    } catch {
      return undefined; // corrupt or very compressible: decided on the whole entry
    }
  } else return undefined;
  return out.length >= Math.min(SNIFF, e.uncompressedSize) ? out : undefined;
}

/** True when the bytes (the whole entry, or its first bytes) rule the entry out as text. */
function binaryStart(name: string, bytes: Uint8Array): boolean {
  if (!TEXT_EXT.test(name) && !looksText(bytes)) return true;
  return bytes[0] === 0x03 && bytes[1] === 0x00; // binary XML in assets
}

/** Scans text files; returns [files scanned, bytes scanned]. A file that cannot be inflated is skipped. */
export function scanTextFiles(apk: Apk, sink: Sink): [number, number] {
  let files = 0;
  let total = 0;
  for (const e of apk.zip.entries) {
    if (!isTextCandidate(e) || total + e.uncompressedSize > MAX_TEXT_TOTAL) continue;
    if (apk.zip.byName.get(e.name) !== e) continue; // a duplicate name: the runtime sees the last
    const prefix = TEXT_EXT.test(e.name) ? undefined : sniffPrefix(apk, e);
    if (prefix && binaryStart(e.name, prefix)) continue;
    let bytes: Uint8Array;
    try {
      bytes = apk.entryData(e);
    } catch (err) {
      if (!isDfslabError(err)) throw err;
      continue;
    }
    if (binaryStart(e.name, bytes)) continue;
    files++;
    total += bytes.length;
    // latin1: one char per byte, so a character index is the byte offset.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    for (const h of scanText(text)) {
      sink.secret(h, {
        kind: 'file',
        file: e.name,
        byteOffset: h.index,
        snippet: snippetAround(text, h.index, h.secret.length, h.redacted),
      });
    }
    for (const u of extractUrls(text)) {
      const snippet = u.userinfo ? redactIn(u.url, [u.userinfo.password]) : u.url;
      sink.url(u, { kind: 'file', file: e.name, byteOffset: u.index, snippet });
    }
  }
  return [files, total];
}
