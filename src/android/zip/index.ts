/**
 * The APK zip reader. `readZip` parses the end records (ZIP64 included), the central directory and
 * every local header, without touching entry data, and reports what Android tolerates but a
 * reviewer should know as anomalies (stable codes in ZIP_ANOMALY_CODES). `inflateEntry` returns an
 * entry's bytes (stored: zero-copy; deflated: bounded by the declared size, the limits and an
 * optional per-archive budget). `safeEntryPath` is the only way a name may become a file path.
 */
export type { ZipArchive, ZipEntry } from './types.js';
export { readZip } from './read.js';
export {
  inflateEntry,
  inflateEntryAsync,
  readEntryByName,
  createInflateBudget,
  crc32,
  crcMatches,
  RATIO_EXEMPT_SIZE,
} from './inflate.js';
export type { InflateBudget, InflateOptions } from './inflate.js';
export { safeEntryPath, unsafeNameReason } from './names.js';
