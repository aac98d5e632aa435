/** Chunk types and record layouts of resources.arsc (frameworks/base/libs/androidfw/ResourceTypes.h). */

export const FORMAT = 'arsc';

export const CHUNK = {
  NULL: 0x0000,
  STRING_POOL: 0x0001,
  TABLE: 0x0002,
  XML: 0x0003,
  PACKAGE: 0x0200,
  TYPE: 0x0201,
  TYPE_SPEC: 0x0202,
  LIBRARY: 0x0203,
  OVERLAYABLE: 0x0204,
  OVERLAYABLE_POLICY: 0x0205,
  STAGED_ALIAS: 0x0206,
} as const;

/** ResChunk_header: u16 type, u16 headerSize, u32 size. */
export const CHUNK_HEADER_SIZE = 8;

/** ResTable_header: chunk header + u32 packageCount. */
export const TABLE_HEADER_SIZE = 12;

/** ResStringPool_header field offsets (from the chunk start). */
export const SP = {
  STRING_COUNT: 8,
  STYLE_COUNT: 12,
  FLAGS: 16,
  STRINGS_START: 20,
  STYLES_START: 24,
  HEADER_SIZE: 28,
  FLAG_SORTED: 0x1,
  FLAG_UTF8: 0x100,
} as const;

/** ResTable_package field offsets. */
export const PKG = {
  ID: 8,
  NAME: 12,
  NAME_BYTES: 256,
  TYPE_STRINGS: 268,
  LAST_PUBLIC_TYPE: 272,
  KEY_STRINGS: 276,
  LAST_PUBLIC_KEY: 280,
  TYPE_ID_OFFSET: 284,
  /** Smallest header (without typeIdOffset). */
  MIN_HEADER_SIZE: 284,
} as const;

/** ResTable_typeSpec field offsets. */
export const SPEC = {
  ID: 8,
  RES0: 9,
  TYPES_COUNT: 10,
  ENTRY_COUNT: 12,
  HEADER_SIZE: 16,
  FLAG_PUBLIC: 0x40000000,
  FLAG_STAGED_API: 0x20000000,
} as const;

/** ResTable_type field offsets. */
export const TYPE = {
  ID: 8,
  FLAGS: 9,
  RESERVED: 10,
  ENTRY_COUNT: 12,
  ENTRIES_START: 16,
  CONFIG: 20,
  FLAG_SPARSE: 0x01,
  FLAG_OFFSET16: 0x02,
  NO_ENTRY: 0xffffffff,
  NO_ENTRY16: 0xffff,
} as const;

/** ResTable_entry flags and sizes. */
export const ENTRY = {
  FLAG_COMPLEX: 0x0001,
  FLAG_PUBLIC: 0x0002,
  FLAG_WEAK: 0x0004,
  FLAG_COMPACT: 0x0008,
  /** size(2) flags(2) key(4). */
  SIZE: 8,
  /** ResTable_map_entry: entry + parent(4) + count(4). */
  MAP_SIZE: 16,
  /** ResTable_map: name(4) + Res_value(8). */
  MAP_ITEM_SIZE: 12,
  /** Res_value: size(2) res0(1) dataType(1) data(4). */
  VALUE_SIZE: 8,
} as const;

/** ResTable_lib_header: chunk header + u32 count; each entry u32 packageId + char16 name[128]. */
export const LIB = { COUNT: 8, HEADER_SIZE: 12, ENTRY_SIZE: 260 } as const;

/** ResTable_staged_alias_header: chunk header + u32 count; each entry u32 stagedResId + u32 finalizedResId. */
export const STAGED = { COUNT: 8, HEADER_SIZE: 12, ENTRY_SIZE: 8 } as const;

/** Res_value data types: one table for binary XML and the resource table. */
export { TYPE as DT } from '../axml/values.js';

/** How many references `resolve` follows before giving up (reference loops must terminate). */
export const MAX_REFERENCE_DEPTH = 32;
