export type { ZipArchive, ZipEntry } from './types.js';
export { readZip } from './read.js';
export {
  inflateEntry,
  readEntryByName,
  createInflateBudget,
  crc32,
  crcMatches,
  RATIO_EXEMPT_SIZE,
} from './inflate.js';
export type { InflateBudget, InflateOptions } from './inflate.js';
export { safeEntryPath, unsafeNameReason } from './names.js';
