/** DEX format constants (dalvik/libdex DexFile.h, https://source.android.com/docs/core/runtime/dex-format). */

export const DEX = 'dex';

/** "dex\n" followed by a three-digit version and a NUL. */
export const DEX_MAGIC = [0x64, 0x65, 0x78, 0x0a] as const;
export const MIN_VERSION = 35;
export const MAX_VERSION = 41;
/** Version 41 may hold several DEX files in one container. */
export const CONTAINER_VERSION = 41;

export const ENDIAN_CONSTANT = 0x12345678;
export const REVERSE_ENDIAN_CONSTANT = 0x78563412;
export const NO_INDEX = 0xffffffff;

/** Header field offsets. */
export const HDR = {
  magic: 0x00,
  checksum: 0x08,
  signature: 0x0c,
  fileSize: 0x20,
  headerSize: 0x24,
  endianTag: 0x28,
  linkSize: 0x2c,
  linkOff: 0x30,
  mapOff: 0x34,
  stringIdsSize: 0x38,
  stringIdsOff: 0x3c,
  typeIdsSize: 0x40,
  typeIdsOff: 0x44,
  protoIdsSize: 0x48,
  protoIdsOff: 0x4c,
  fieldIdsSize: 0x50,
  fieldIdsOff: 0x54,
  methodIdsSize: 0x58,
  methodIdsOff: 0x5c,
  classDefsSize: 0x60,
  classDefsOff: 0x64,
  dataSize: 0x68,
  dataOff: 0x6c,
  /** v41 only. */
  containerSize: 0x70,
  headerOffset: 0x74,
} as const;

export const HEADER_SIZE = 0x70;
export const HEADER_SIZE_V41 = 0x78;
export const SIGNATURE_SIZE = 20;
/** Bytes covered by neither the checksum (magic + checksum) nor the signature (+ signature). */
export const CHECKSUM_START = 12;
export const SIGNATURE_START = 32;

/** Record sizes, bytes. */
export const STRING_ID_SIZE = 4;
export const TYPE_ID_SIZE = 4;
export const PROTO_ID_SIZE = 12;
export const FIELD_ID_SIZE = 8;
export const METHOD_ID_SIZE = 8;
export const CLASS_DEF_SIZE = 32;
export const MAP_ITEM_SIZE = 12;
export const CALL_SITE_ID_SIZE = 4;
export const METHOD_HANDLE_SIZE = 8;

/** class_def_item field offsets. */
export const CLASS_DEF = {
  classIdx: 0,
  accessFlags: 4,
  superclassIdx: 8,
  interfacesOff: 12,
  sourceFileIdx: 16,
  annotationsOff: 20,
  classDataOff: 24,
  staticValuesOff: 28,
} as const;

/** code_item field offsets. */
export const CODE_ITEM = {
  registersSize: 0,
  insSize: 2,
  outsSize: 4,
  triesSize: 6,
  debugInfoOff: 8,
  insnsSize: 12,
  insns: 16,
} as const;

/** map_list item type codes. */
export const MAP_TYPE = {
  headerItem: 0x0000,
  stringIdItem: 0x0001,
  typeIdItem: 0x0002,
  protoIdItem: 0x0003,
  fieldIdItem: 0x0004,
  methodIdItem: 0x0005,
  classDefItem: 0x0006,
  callSiteIdItem: 0x0007,
  methodHandleItem: 0x0008,
  mapList: 0x1000,
  typeList: 0x1001,
  annotationSetRefList: 0x1002,
  annotationSetItem: 0x1003,
  classDataItem: 0x2000,
  codeItem: 0x2001,
  stringDataItem: 0x2002,
  debugInfoItem: 0x2003,
  annotationItem: 0x2004,
  encodedArrayItem: 0x2005,
  annotationsDirectoryItem: 0x2006,
  hiddenapiClassDataItem: 0xf000,
} as const;

export const MAP_TYPE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(MAP_TYPE).map(([k, v]) => [v, k]),
);

/** Access flags (class, field and method). */
export const ACC = {
  public: 0x1,
  private: 0x2,
  protected: 0x4,
  static: 0x8,
  final: 0x10,
  synchronized: 0x20,
  volatile: 0x40,
  bridge: 0x40,
  transient: 0x80,
  varargs: 0x80,
  native: 0x100,
  interface: 0x200,
  abstract: 0x400,
  strict: 0x800,
  synthetic: 0x1000,
  annotation: 0x2000,
  enum: 0x4000,
  constructor: 0x10000,
  declaredSynchronized: 0x20000,
} as const;

/** Payload pseudo-instruction identifiers (the whole first code unit). */
export const PACKED_SWITCH_PAYLOAD = 0x0100;
export const SPARSE_SWITCH_PAYLOAD = 0x0200;
export const FILL_ARRAY_DATA_PAYLOAD = 0x0300;
