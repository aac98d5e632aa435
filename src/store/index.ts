export * from './schema.js';
export * from './open.js';
export { MIGRATIONS, type Migration } from './migrations.js';
