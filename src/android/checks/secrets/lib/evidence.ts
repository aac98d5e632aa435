/** From a string's source to findings evidence and message text; secrets always redacted. */
import type { Evidence } from '../../../../core/findings.js';
import type { AuditContext } from '../../../audit/context.js';
import type { StringSource } from './types.js';

/** Evidence items per finding (the count of further places goes into the message). */
export const MAX_EVIDENCE = 5;

export function isLibrary(s: StringSource): boolean {
  return (s.kind === 'dex' || s.kind === 'dex-field' || s.kind === 'native') && s.library;
}

/** App code first, then resources/files, then library code; code loads before unused strings. */
export function rankSources(sources: readonly StringSource[]): StringSource[] {
  const rank = (s: StringSource): number =>
    isLibrary(s) ? 3 : s.kind === 'dex-data' ? 2 : s.kind === 'dex' ? 0 : 1;
  return [...sources].sort((a, b) => rank(a) - rank(b));
}

export function sourceEvidence(ctx: AuditContext, s: StringSource, shown: string): Evidence {
  switch (s.kind) {
    case 'dex':
      return ctx.dexEvidence(s, `const-string "${shown}"`);
    case 'dex-field':
      return {
        kind: 'file',
        file: s.file,
        byteOffset: s.offset,
        snippet: `${s.cls}->${s.field} = "${shown}" (static field initial value)`,
      };
    case 'dex-data':
      return {
        kind: 'file',
        file: s.file,
        byteOffset: s.offset,
        snippet: `"${shown}" (DEX string table; no const-string loads it)`,
      };
    case 'resource': {
      const ev: Evidence = { kind: 'file', file: s.file, snippet: `@${s.name} [${s.config}] = "${shown}"` };
      if (s.offset !== undefined) ev.byteOffset = s.offset;
      return ev;
    }
    case 'file':
    case 'native':
      return { kind: 'file', file: s.file, byteOffset: s.byteOffset, snippet: s.snippet };
  }
}

/** Evidence for the first MAX_EVIDENCE sources (ranked). */
export function evidenceFor(ctx: AuditContext, sources: readonly StringSource[], shown: string): Evidence[] {
  return rankSources(sources)
    .slice(0, MAX_EVIDENCE)
    .map((s) => sourceEvidence(ctx, s, shown));
}

/** A short place name for messages: 'Lcom/x/Api;->login', '@string/api_key', 'assets/config.json'. */
export function whereOf(ctx: AuditContext, s: StringSource): string {
  switch (s.kind) {
    case 'dex': {
      const ev = ctx.dexEvidence(s);
      return `${ev.class}->${ev.method.replace(/\(.*$/, '')}`;
    }
    case 'dex-field':
      return `${s.cls}->${s.field}`;
    case 'dex-data':
      return `${s.file} (string table)`;
    case 'resource':
      return `@${s.name}${s.config === 'default' ? '' : ` [${s.config}]`}`;
    case 'file':
    case 'native':
      return `${s.file} at byte ${s.byteOffset}`;
  }
}

/** 'X' or 'X and 3 other places'. */
export function placesText(ctx: AuditContext, sources: readonly StringSource[]): string {
  const ranked = rankSources(sources);
  const first = whereOf(ctx, ranked[0]);
  const more = ranked.length - 1;
  return more > 0 ? `${first} and ${more} other place${more > 1 ? 's' : ''}` : first;
}
