/** Public API of the USSD analyzer. */
export * from './types.js';
export * from './dialects/index.js';
export * from './screen.js';
export * from './client.js';
export * from './crawler.js';
export * from './menu-map.js';
export * from './baseline.js';
export * from './scan.js';
export { USSD_CHECKS, type UssdContext, type ProbeOptions } from './checks/index.js';
export * from './emulator.js';
export * from './camara-mock.js';
export * from './redact.js';
export * from './tls-probe.js';
