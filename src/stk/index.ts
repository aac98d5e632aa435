/**
 * SIM Toolkit / SIM OTA secured packets (ETSI TS 102 225, 3GPP TS 31.115): codec, cryptography,
 * known TARs, and the audit of card profiles and captures. Pure: no I/O.
 */
export * from './spi.js';
export * from './crypto.js';
export * from './hex.js';
export * from './status.js';
export * from './tar.js';
export * from './command.js';
export * from './response.js';
export * from './sms.js';
export * from './input.js';
export * from './audit/types.js';
export * from './audit/profile.js';
export * from './audit/capture.js';
export * from './audit/audit.js';
export { STK_CHECKS } from './checks/index.js';
