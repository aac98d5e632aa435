/** Selecting what one check reports from the shared app scan. */
import type { AuditContext } from '../../../audit/context.js';
import type { SecretKind } from '../../../secrets/index.js';
import { scanApp } from './app-scan.js';
import { rankSources } from './evidence.js';
import type { AppSecret } from './types.js';

/** The app's secrets of the given kinds, sources ranked (app code first), in a stable order. */
export function secretsOfKind(ctx: AuditContext, kinds: readonly SecretKind[]): AppSecret[] {
  return scanApp(ctx)
    .secrets.filter((s) => kinds.includes(s.hit.kind))
    .map((s) => ({ hit: s.hit, sources: rankSources(s.sources) }))
    .sort((a, b) =>
      a.hit.detector < b.hit.detector ? -1 : a.hit.detector > b.hit.detector ? 1 : a.hit.index - b.hit.index,
    );
}

/** ' (and in 3 other places)' for messages. */
export function moreText(count: number): string {
  return count > 1 ? ` (and ${count - 1} other place${count > 2 ? 's' : ''})` : '';
}
