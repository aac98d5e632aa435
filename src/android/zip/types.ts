import type { Anomaly } from '../../core/anomaly.js';

/** One entry of the central directory, with what its local header says beside it. */
export type ZipEntry = {
  /** Name as decoded (UTF-8 when flag bit 11 is set or the bytes are valid UTF-8, else CP437/latin1). */
  name: string;
  /** Index in central-directory order. */
  index: number;
  /** 0 = stored, 8 = deflated; anything else is reported and not inflated. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the local file header. */
  localHeaderOffset: number;
  /** Offset of the first byte of the (compressed) data, computed from the local header's name/extra lengths. */
  dataOffset: number;
  /** Offset of this entry's central-directory record. */
  centralOffset: number;
  /** DOS date/time as a JS Date (UTC interpretation of the DOS fields), or undefined if invalid. */
  modified?: Date;
  /** Unix mode bits from external attributes, when the entry was made on Unix. */
  unixMode?: number;
  isDirectory: boolean;
  /** True when the name or sizes came from a ZIP64 extra field. */
  zip64: boolean;
  /** Length of the extra field in the local header (alignment padding lives here). */
  localExtraLength: number;
};

export type ZipArchive = {
  /** All entries in central-directory order, duplicates included. */
  entries: ZipEntry[];
  /** First entry of each name (what Android's libziparchive would look up). */
  byName: Map<string, ZipEntry>;
  /** Offset of the End Of Central Directory record. */
  eocdOffset: number;
  /** Offset and size of the central directory. */
  cdOffset: number;
  cdSize: number;
  /** ZIP64 end records were used. */
  zip64: boolean;
  comment: Uint8Array;
  /** Bytes before the first local header (0 for a normal APK). */
  prefixLength: number;
  /** The APK Signing Block found right before the central directory (offset, total size), if any. */
  apkSigningBlock?: { offset: number; size: number };
  anomalies: Anomaly[];
};
