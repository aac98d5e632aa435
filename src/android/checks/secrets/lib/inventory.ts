/**
 * The endpoint inventory: every network URL the app contains (DEX strings, resource values, text
 * files), with where each was found. Not a finding: the audit puts it into the report's facts.
 */
import type { AuditContext } from '../../../audit/context.js';
import { isNamespaceUrl, redactIn } from '../../../secrets/index.js';
import { scanApp } from './app-scan.js';
import { rankSources } from './evidence.js';
import type { StringSource } from './types.js';

export type EndpointSource = {
  file: string;
  /** DEX: the class (descriptor) and method (name + prototype) that load the string. */
  class?: string;
  method?: string;
  /** DEX: bytecode offset (16-bit code units); files and resources.arsc: byte offset. */
  offset?: number;
  /** resources.arsc: 'string/api_url' and the configuration ('default', 'fr', …). */
  resource?: string;
  config?: string;
  /** True when it is in bundled-library code (DEX) or a known engine/SDK native library. */
  library?: boolean;
};

export type Endpoint = {
  /** The URL as written, with any userinfo password redacted. */
  url: string;
  host: string;
  scheme: string;
  port?: number;
  sources: EndpointSource[];
};

function toSource(ctx: AuditContext, s: StringSource): EndpointSource {
  switch (s.kind) {
    case 'dex': {
      const ev = ctx.dexEvidence(s);
      const out: EndpointSource = { file: s.file, class: ev.class, method: ev.method, offset: s.offset };
      if (s.library) out.library = true;
      return out;
    }
    case 'dex-field': {
      const out: EndpointSource = {
        file: s.file,
        class: s.cls,
        method: `static field ${s.field}`,
        offset: s.offset,
      };
      if (s.library) out.library = true;
      return out;
    }
    case 'dex-data':
      return { file: s.file, offset: s.offset };
    case 'resource': {
      const out: EndpointSource = { file: s.file, resource: s.name, config: s.config };
      if (s.offset !== undefined) out.offset = s.offset;
      return out;
    }
    case 'file':
      return { file: s.file, offset: s.byteOffset };
    case 'native':
      return s.library
        ? { file: s.file, offset: s.byteOffset, library: true }
        : { file: s.file, offset: s.byteOffset };
  }
}

/**
 * Every URL (http, https, ws, wss, ftp, …) the app contains, namespace identifiers (xmlns,
 * schemas) left out, sorted by host then URL. Secrets in URLs are redacted.
 */
export function endpointInventory(ctx: AuditContext): Endpoint[] {
  const out: Endpoint[] = [];
  for (const u of scanApp(ctx).urls) {
    if (isNamespaceUrl(u.url)) continue;
    const pw = u.url.userinfo?.password;
    const e: Endpoint = {
      url: pw ? redactIn(u.url.url, [pw]) : u.url.url,
      host: u.url.host,
      scheme: u.url.scheme,
      sources: rankSources(u.sources).map((s) => toSource(ctx, s)),
    };
    if (u.url.port !== undefined) e.port = u.url.port;
    out.push(e);
  }
  return out.sort((a, b) =>
    a.host < b.host ? -1 : a.host > b.host ? 1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0,
  );
}

/** Distinct hosts of the inventory, sorted. */
export function endpointHosts(ctx: AuditContext): string[] {
  return [...new Set(endpointInventory(ctx).map((e) => e.host))].sort();
}
