/** JSON Web Tokens: decode header and payload (base64url JSON) to confirm a candidate is one. */

export type JwtInfo = {
  alg: string;
  /** `exp` claim as an ISO date, when present and numeric. */
  exp?: string;
  /** `iat` claim as an ISO date. */
  iat?: string;
  /** Claim names of the payload (never their values: they may be personal data). */
  claims: string[];
  /** True when the third part is empty (an unsigned 'alg: none' token). */
  unsigned: boolean;
};

const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;
/** Longest token part we bother decoding. */
const MAX_PART = 16384;

function decodePart(part: string): unknown {
  if (part.length > MAX_PART || !B64URL.test(part)) return undefined;
  try {
    const json = Buffer.from(part, 'base64url').toString('utf8');
    if (!json.startsWith('{')) return undefined;
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isoOf(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  const d = new Date(v * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Decodes `token` ('h.p.s'); undefined unless both header and payload are JSON objects and the header has `alg`. */
export function decodeJwt(token: string): JwtInfo | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  if (!isRecord(header) || !isRecord(payload) || typeof header.alg !== 'string') return undefined;
  const info: JwtInfo = {
    alg: header.alg,
    claims: Object.keys(payload).slice(0, 32),
    unsigned: parts[2] === '',
  };
  const exp = isoOf(payload.exp);
  if (exp) info.exp = exp;
  const iat = isoOf(payload.iat);
  if (iat) info.iat = iat;
  return info;
}
