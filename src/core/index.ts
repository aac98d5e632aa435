export * from './errors.js';
export * from './anomaly.js';
export * from './limits.js';
export * from './bytes.js';
