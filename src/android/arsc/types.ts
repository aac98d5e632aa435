import type { Anomaly } from '../../core/anomaly.js';
import type { ResValue } from '../resources.js';

/** A string pool whose strings are decoded on demand (and then cached). */
export type StringPool = {
  /** Absolute offset of the pool chunk in the table. */
  readonly offset: number;
  readonly count: number;
  readonly styleCount: number;
  readonly utf8: boolean;
  readonly sorted: boolean;
  /** String `i`, decoded once and cached; undefined when `i` is out of range or the string is malformed. */
  get(i: number): string | undefined;
  /**
   * Where string `i`'s characters lie, without decoding: true and `out` set to the byte range
   * (UTF-8 bytes, or UTF-16LE code units when `utf8` is false) exactly when `get(i)` gives a string.
   */
  span(i: number, out: { start: number; end: number }): boolean;
};

/** ResTable_config, every field the chunk's config size covers (missing fields are 0 / ''). */
export type ResConfig = {
  /** Declared size of the config struct in the file. */
  size: number;
  mcc: number;
  mnc: number;
  /** Unpacked language ('fr', 'fil' from a packed 3-letter code), '' for any. */
  language: string;
  /** Unpacked region ('CA', '419'), '' for any. */
  region: string;
  orientation: number;
  touchscreen: number;
  density: number;
  keyboard: number;
  navigation: number;
  inputFlags: number;
  grammaticalInflection: number;
  screenWidth: number;
  screenHeight: number;
  sdkVersion: number;
  minorVersion: number;
  screenLayout: number;
  uiMode: number;
  smallestScreenWidthDp: number;
  screenWidthDp: number;
  screenHeightDp: number;
  localeScript: string;
  /** True when the script was computed by the tool rather than written in the qualifier (then not printed). */
  localeScriptWasComputed: boolean;
  localeVariant: string;
  screenLayout2: number;
  colorMode: number;
  localeNumberingSystem: string;
  /** Bytes past the fields this parser knows that are not zero (a newer format, or junk). */
  unknownNonZero: boolean;
};

/** One ResTable_type chunk: the entries of one type in one configuration. */
export type ResTypeChunk = {
  /** Absolute offset of the chunk. */
  offset: number;
  /** Absolute end of the chunk. */
  end: number;
  typeId: number;
  flags: number;
  /** Number of slots in the offset array (for a sparse chunk: number of sparse entries). */
  entryCount: number;
  sparse: boolean;
  offset16: boolean;
  /** Absolute offset of the entry offset array. */
  indexOffset: number;
  /** Absolute offset entry offsets are relative to. */
  entriesStart: number;
  config: ResConfig;
  /** Qualifier string as aapt prints it ('' for the default configuration). */
  configName: string;
};

/** All chunks of one resource type in a package (type id = index + 1 of the type string). */
export type ResTypeGroup = {
  id: number;
  name: string;
  /** Number of entries the type spec declares (or the largest type chunk, without a spec). */
  entryCount: number;
  /** Per-entry configuration-change flags from the type spec (SPEC_PUBLIC = 0x40000000). */
  specFlags: Uint32Array;
  hasSpec: boolean;
  chunks: ResTypeChunk[];
};

export type SharedLibrary = { packageId: number; name: string };
export type StagedAlias = { stagedId: number; finalizedId: number };

export type ResPackage = {
  /** Absolute offset of the package chunk. */
  offset: number;
  /** 0x7f for an app, 0x01 for the framework, 0 for a shared library (assigned at load time). */
  id: number;
  name: string;
  typeStrings: StringPool;
  keyStrings: StringPool;
  lastPublicType: number;
  lastPublicKey: number;
  typeIdOffset: number;
  /** Indexed by type id (1..255); holes are undefined. */
  types: (ResTypeGroup | undefined)[];
  libraries: SharedLibrary[];
  stagedAliases: StagedAlias[];
  /** Number of overlayable chunks seen (their content is skipped). */
  overlayableCount: number;
};

export type ResourceTable = {
  bytes: Uint8Array;
  view: DataView;
  /** Global value string pool. */
  strings: StringPool;
  packages: ResPackage[];
  /** packageCount as declared in the table header. */
  declaredPackageCount: number;
  anomalies: Anomaly[];
};

export type ResBagItem = { name: number; dataType: number; data: number; value: ResValue };

/** One entry of one resource in one configuration, decoded. */
export type ResEntry = {
  id: number;
  /** Absolute offset of the ResTable_entry. */
  offset: number;
  flags: number;
  keyIndex: number;
  key: string;
  typeName: string;
  packageName: string;
  chunk: ResTypeChunk;
  /** Raw Res_value of a simple entry (for a bag: 0 / 0). */
  dataType: number;
  data: number;
  /** Decoded value; { type: 'complex' } for a bag. */
  value: ResValue;
  /** Present for complex entries (styles, arrays, plurals, attrs). */
  bag?: { parent: number; items: ResBagItem[] };
};

/** One string value found anywhere in the table (simple entries and bag items). */
export type ResStringValue = { id: number; name: string; config: string; value: string };
