export * from './types.js';
export * from './build.js';
export * from './json/render.js';
export * from './sarif/render.js';
export * from './html/render.js';
