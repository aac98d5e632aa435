import type { ResolvedResource, ResourceResolver } from '../resources.js';
import { DEFAULT_CONFIG, entriesOf, resolveValue, resourceName } from './lookup.js';
import type { ResourceTable } from './types.js';

/** The ResourceResolver the manifest model and the checks use, over a parsed table. */
export function createResolver(table: ResourceTable): ResourceResolver {
  return {
    values(id: number): ResolvedResource[] {
      return entriesOf(table, id).map((e) => ({
        id: e.id,
        name: `${e.packageName}:${e.typeName}/${e.key}`,
        config: e.chunk.configName || DEFAULT_CONFIG,
        value: e.value,
      }));
    },
    resolve: (id: number) => resolveValue(table, id),
    name: (id: number) => resourceName(table, id),
    filePath(id: number): string | undefined {
      const v = resolveValue(table, id);
      return v?.type === 'string' ? v.value : undefined;
    },
  };
}
