export { parseManifest } from './parse.js';
export { parseNetworkSecurityConfig } from './nsc.js';
export { buildClassName } from './components.js';
export { resolveLocator } from './locator.js';
export { decodeProtectionLevel } from './protection.js';
export { CUR_DEVELOPMENT } from './sdk.js';
export { isUnresolved, valueOf } from './read.js';
export type * from './types.js';
export type * from './nsc-types.js';
