/**
 * resources.arsc: parseArsc(bytes) → ResourceTable (validated once, decoded on demand), then
 * createResolver(table) for the ResourceResolver the manifest and checks use, and the lookups below
 * (by id in every configuration, by 'type/name', reference following, every string value).
 */
export { parseArsc } from './parse.js';
export { createResolver } from './resolver.js';
export {
  allStrings,
  forEachStringRef,
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
export type { StringRef } from './lookup.js';
