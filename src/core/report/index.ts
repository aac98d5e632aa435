/** Public API of the report layer: the Report type, its builder and the three renderers. */
export * from './types.js';
export * from './build.js';
export * from './render.js';
export * from './json/render.js';
export * from './sarif/render.js';
export * from './sarif/rules.js';
export type * from './sarif/types.js';
export * from './html/render.js';
