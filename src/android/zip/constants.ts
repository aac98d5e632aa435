/** Record signatures and field offsets of the zip format (APPNOTE.TXT 6.3.x). */

export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_EOCD = 0x06054b50;
export const SIG_EOCD64 = 0x06064b50;
export const SIG_EOCD64_LOCATOR = 0x07064b50;

/** End of central directory record. */
export const EOCD = {
  size: 22,
  diskNumber: 4,
  cdDisk: 6,
  entriesOnDisk: 8,
  totalEntries: 10,
  cdSize: 12,
  cdOffset: 16,
  commentLength: 20,
} as const;
/** The comment is at most 65535 bytes, so the EOCD starts within this many bytes of the end. */
export const EOCD_MAX_SEARCH = 0xffff + EOCD.size;

/** ZIP64 end of central directory locator (sits right before the EOCD). */
export const EOCD64_LOCATOR = { size: 20, eocd64Disk: 4, eocd64Offset: 8, totalDisks: 16 } as const;

/** ZIP64 end of central directory record. */
export const EOCD64 = {
  size: 56,
  recordSize: 4,
  diskNumber: 16,
  cdDisk: 20,
  entriesOnDisk: 24,
  totalEntries: 32,
  cdSize: 40,
  cdOffset: 48,
} as const;

/** Central directory file header. */
export const CEN = {
  size: 46,
  versionMadeBy: 4,
  versionNeeded: 6,
  flags: 8,
  method: 10,
  time: 12,
  date: 14,
  crc32: 16,
  compressedSize: 20,
  uncompressedSize: 24,
  nameLength: 28,
  extraLength: 30,
  commentLength: 32,
  diskStart: 34,
  internalAttrs: 36,
  externalAttrs: 38,
  localHeaderOffset: 42,
} as const;

/** Local file header. */
export const LOC = {
  size: 30,
  versionNeeded: 4,
  flags: 6,
  method: 8,
  time: 10,
  date: 12,
  crc32: 14,
  compressedSize: 18,
  uncompressedSize: 22,
  nameLength: 26,
  extraLength: 28,
} as const;

export const EXTRA_ZIP64 = 0x0001;

export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DATA_DESCRIPTOR = 0x0008;
export const FLAG_UTF8 = 0x0800;

export const METHOD_STORED = 0;
export const METHOD_DEFLATED = 8;

export const U16_MAX = 0xffff;
export const U32_MAX = 0xffffffff;

/** Host system "Unix" in the high byte of version-made-by. */
export const HOST_UNIX = 3;

/** APK Signing Block: `size (u64) ... size (u64) magic (16 bytes)`, ending right before the CD. */
export const APK_SIG_BLOCK_MAGIC = 'APK Sig Block 42';
export const APK_SIG_BLOCK_FOOTER = 24;
/** Smallest possible block: size + size + magic. */
export const APK_SIG_BLOCK_MIN = 32;

export const FORMAT = 'zip';

/** Data descriptor (after the data when flag bit 3 is set): optional signature, crc, sizes. */
export const SIG_DATA_DESCRIPTOR = 0x08074b50;
export const DATA_DESCRIPTOR_SIZE = 12;
export const DATA_DESCRIPTOR64_SIZE = 20;
