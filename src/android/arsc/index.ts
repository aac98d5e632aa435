export { parseArsc } from './parse.js';
export { createResolver } from './resolver.js';
export {
  allStrings,
  decodeEntry,
  entriesOf,
  entryOf,
  findId,
  findPackage,
  resolveValue,
  resourceName,
  stagedAlias,
  DEFAULT_CONFIG,
} from './lookup.js';
export { configToString } from './config.js';
export { decodeValue } from './value.js';
export { forEachEntry, entryOffset } from './entries.js';
export type {
  ResBagItem,
  ResConfig,
  ResEntry,
  ResPackage,
  ResStringValue,
  ResTypeChunk,
  ResTypeGroup,
  ResourceTable,
  SharedLibrary,
  StagedAlias,
  StringPool,
} from './types.js';
