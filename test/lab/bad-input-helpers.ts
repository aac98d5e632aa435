/**
 * For the bad-input sweep: the JSON routes of the OpenAPI document, a valid-looking body for each
 * generated from its schema, the string fields to fill with hostile text, and the hostile text.
 */
export type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  default?: unknown;
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  items?: Schema;
};

export type Parameter = { name: string; in: string; schema?: Schema };

export type OpenApiDoc = {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

export type Route = {
  method: string;
  path: string;
  key: string;
  json?: Schema;
  binary: boolean;
  /** Path and query parameters. */
  params: Parameter[];
};

export function routesOf(doc: OpenApiDoc): Route[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([m, op]) => {
      const content = op.requestBody?.content ?? {};
      const method = m.toUpperCase();
      return {
        method,
        path,
        key: `${method} ${path}`,
        json: content['application/json']?.schema,
        binary: 'application/octet-stream' in content,
        params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
      };
    }),
  );
}

export function resolve(doc: OpenApiDoc, s: Schema): Schema {
  let cur = s;
  for (let i = 0; cur.$ref && i < 10; i++)
    cur = doc.components.schemas[cur.$ref.replace('#/components/schemas/', '')];
  const branch = cur.oneOf?.[0] ?? cur.anyOf?.[0];
  return branch ? resolve(doc, branch) : cur;
}

/** Values the generator needs from the test's own data. */
export type ExampleContext = { sha256: string; uuid: string; unique: () => string };

/** A value that satisfies `s` as far as a simple generator can (patterns by known shapes). */
export function example(doc: OpenApiDoc, schema: Schema, ctx: ExampleContext, name = ''): unknown {
  const s = resolve(doc, schema);
  if (s.enum?.length) return s.enum[0];
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined && s.type !== 'object') return s.default;
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = example(doc, v, ctx, k);
      return out;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      return exampleString(s, ctx, name);
    default:
      return null;
  }
}

function exampleString(s: Schema, ctx: ExampleContext, name: string): string {
  if (s.pattern === '^[0-9a-f]{64}$') return ctx.sha256;
  if (s.format === 'uuid') return ctx.uuid;
  if (/email/i.test(name) || s.format === 'email') return `u${ctx.unique()}@bad-input.example`;
  if (/country/i.test(name)) return 'KE';
  if (/^https?:/.test(String(s.example ?? '')) || name === 'url') return 'http://127.0.0.1:9/ussd';
  if (/^\^\\\+\?\[0-9\]/.test(s.pattern ?? '')) return '+254700000001';
  const base = /password/i.test(name) ? `Pw-${ctx.unique()}-long-enough` : `ok ${name} ${ctx.unique()}`;
  return base.padEnd(s.minLength ?? 0, 'x');
}

/** Dotted paths of the string fields of an object schema (one level of nesting). */
export function stringFields(doc: OpenApiDoc, schema: Schema, prefix = ''): string[] {
  const s = resolve(doc, schema);
  const out: string[] = [];
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    const r = resolve(doc, v);
    if (r.type === 'string') out.push(prefix + k);
    else if (r.type === 'object' && !prefix) out.push(...stringFields(doc, r, `${k}.`));
  }
  return out;
}

export function withField(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const [head, tail] = path.split('.', 2);
  if (tail === undefined) copy[head] = value;
  else copy[head] = { ...(copy[head] as Record<string, unknown>), [tail]: value };
  return copy;
}

/** Text that breaks naive code: bidi overrides, combining marks, emoji, NUL, lone surrogates, sizes. */
export const HOSTILE_TEXT: Record<string, string> = {
  rtl: 'invoice\u202Egpj.apk',
  arabic: 'محفظة المال',
  combining: 'Z\u0351\u0358\u0300\u0301a\u0300\u0301l\u0327\u0316go',
  emoji: '👩🏽‍💻 wallet 💸🇰🇪',
  zeroWidth: 'ad\u200Bmin\uFEFFistrator',
  control: 'bell\u0007\u001b[31mred',
  nul: 'before\u0000after',
  loneHigh: 'a\uD800b',
  loneLow: '\uDC00z',
  long: 'x'.repeat(10_000),
  longMultibyte: 'é'.repeat(20_000),
};

/** Hostile values for path and query parameters, on top of HOSTILE_TEXT (sent URL-encoded). */
export const HOSTILE_PARAMS: Record<string, string> = {
  traversal: '../../etc/passwd',
  encodedSlash: 'a/b\\c',
  sql: "' OR 1=1 --",
  notUuid: '00000000-0000-0000-0000-00000000000g',
  uuidish: '{00000000-0000-4000-8000-000000000000}',
  number: '-1e309',
  empty: '',
  spaces: '   ',
  percent: '%zz%00',
};

/** Text that cannot be stored as sent: it must be refused, never silently changed. */
export const MUST_REFUSE = new Set(['nul', 'loneHigh', 'loneLow']);

/** Every string leaf of a JSON value. */
export function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}
