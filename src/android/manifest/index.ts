/**
 * The AndroidManifest.xml model and the network security config, built from a parsed AXML
 * document. Framework attributes are matched by resource id and in Android's order; every fact
 * carries a Location (see types.ts for the locator format; resolveLocator() reverses it).
 */
export { parseManifest } from './parse.js';
export { parseNetworkSecurityConfig } from './nsc.js';
export { buildClassName } from './components.js';
export { resolveLocator } from './locator.js';
export { decodeProtectionLevel } from './protection.js';
export { CUR_DEVELOPMENT } from './sdk.js';
export { isUnresolved, valueOf } from './read.js';
export type * from './types.js';
export type * from './nsc-types.js';
