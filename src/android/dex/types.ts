import type { Anomaly } from '../../core/anomaly.js';

export type DexHeader = {
  /** 35..41. */
  version: number;
  checksum: number;
  /** SHA-1 over the rest of the file (a view into the buffer). */
  signature: Uint8Array;
  fileSize: number;
  headerSize: number;
  endianTag: number;
  linkSize: number;
  linkOff: number;
  mapOff: number;
  stringIdsSize: number;
  stringIdsOff: number;
  typeIdsSize: number;
  typeIdsOff: number;
  protoIdsSize: number;
  protoIdsOff: number;
  fieldIdsSize: number;
  fieldIdsOff: number;
  methodIdsSize: number;
  methodIdsOff: number;
  classDefsSize: number;
  classDefsOff: number;
  dataSize: number;
  dataOff: number;
  /** v41 container fields (0 before v41). */
  containerSize: number;
  headerOffset: number;
};

export type DexMapItem = { type: number; name: string; size: number; offset: number };

export type DexEncodedField = { fieldIdx: number; accessFlags: number };

export type DexEncodedMethod = {
  methodIdx: number;
  accessFlags: number;
  /** Offset of the code_item, 0 for abstract/native methods. */
  codeOff: number;
  /** Direct (static, private, constructor) vs virtual. */
  direct: boolean;
  /** Index into `DexFile.classDefs`. */
  classDef: number;
};

export type DexClassDef = {
  classIdx: number;
  accessFlags: number;
  /** A type index, or -1 for none (java.lang.Object). */
  superclassIdx: number;
  /** Type indexes of the implemented interfaces. */
  interfaces: readonly number[];
  /** A string index, or -1. */
  sourceFileIdx: number;
  annotationsOff: number;
  classDataOff: number;
  staticValuesOff: number;
  /** Members as ranges of `DexFile.members`: fields `[fieldStart, +staticCount+instanceCount)`. */
  fieldStart: number;
  staticCount: number;
  instanceCount: number;
  /** Methods `[methodStart, +directCount+virtualCount)`, direct first (indexes of `DexFile.methods`). */
  methodStart: number;
  directCount: number;
  virtualCount: number;
  /** The same members as objects, built on first access (prefer the ranges in hot code). */
  readonly staticFields: readonly DexEncodedField[];
  readonly instanceFields: readonly DexEncodedField[];
  readonly directMethods: readonly DexEncodedMethod[];
  readonly virtualMethods: readonly DexEncodedMethod[];
};

/** Every encoded member of the file's class_data items, struct-of-arrays, in class order. */
export type DexMembers = {
  methodCount: number;
  methodIdx: Uint32Array;
  methodFlags: Uint32Array;
  /** Offset of the code_item, 0 for abstract/native methods. */
  methodCodeOff: Uint32Array;
  /** Index into `DexFile.classDefs`. */
  methodClassDef: Uint32Array;
  /** 1 for a direct method. */
  methodDirect: Uint8Array;
  fieldCount: number;
  fieldIdx: Uint32Array;
  fieldFlags: Uint32Array;
};

/** A code_item header; the instructions stay in the buffer (`insnsOff` is a byte offset). */
export type DexCodeItem = {
  offset: number;
  registersSize: number;
  insSize: number;
  outsSize: number;
  triesSize: number;
  debugInfoOff: number;
  /** Byte offset of the first instruction in `DexFile.bytes`. */
  insnsOff: number;
  /** Length in 16-bit code units. */
  insnsSize: number;
};

/** Struct-of-arrays id tables, read once from the buffer. */
export type DexIds = {
  /** string_data_off per string id. */
  strings: Uint32Array;
  /** Descriptor string index per type id. */
  types: Uint32Array;
  protoShorty: Uint32Array;
  protoReturnType: Uint32Array;
  protoParamsOff: Uint32Array;
  fieldClass: Uint16Array;
  fieldType: Uint16Array;
  fieldName: Uint32Array;
  methodClass: Uint16Array;
  methodProto: Uint16Array;
  methodName: Uint32Array;
};

export type DexFile = {
  bytes: Uint8Array;
  header: DexHeader;
  map: DexMapItem[];
  ids: DexIds;
  classDefs: DexClassDef[];
  /** The encoded fields and methods as typed arrays (no object per member). */
  members: DexMembers;
  /**
   * Every method defined in a class_data_item, in class order (direct then virtual), as objects:
   * built on first access (a million objects on a large app); prefer `members` or `method(i)`.
   */
  readonly methods: readonly DexEncodedMethod[];
  /** Defined method `i` as an object (cached: the same object every time). */
  method(i: number): DexEncodedMethod;
  callSiteIdsSize: number;
  methodHandlesSize: number;
  /** Number of hiddenapi_class_data_items (0 or 1). */
  hiddenapiSize: number;
  /** In a v41 container, the number of DEX headers found (1 otherwise). */
  containerDexCount: number;
  anomalies: Anomaly[];
  /** The string at `idx` (MUTF-8 decoded, cached). Throws FormatError when out of range or malformed. */
  string(idx: number): string;
  /** The descriptor of type `idx`, e.g. `Ljava/lang/String;`. */
  type(idx: number): string;
  /** The parameter type indexes of proto `idx`. */
  protoParams(idx: number): number[];
};

export type ParseDexOptions = {
  /** Verify the Adler-32 checksum (default true); a mismatch is a 'bad-checksum' anomaly. */
  verifyChecksum?: boolean;
  /** Verify the SHA-1 signature (default false); a mismatch is a 'bad-signature' anomaly. */
  verifySignature?: boolean;
};
