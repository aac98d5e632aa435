/** A minimal DER walker for the few fields dfslab needs without a full ASN.1 parse. */

export type Tlv = { tag: number; start: number; headerLength: number; length: number; end: number };

/** Reads one TLV at `o` inside `b` (definite lengths only); undefined when malformed. */
export function readTlv(b: Uint8Array, o: number, limit = b.length): Tlv | undefined {
  if (o + 2 > limit) return undefined;
  const tag = b[o];
  let len = b[o + 1];
  let hl = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || o + 2 + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[o + 2 + i];
    hl += n;
  }
  const end = o + hl + len;
  if (end > limit) return undefined;
  return { tag, start: o, headerLength: hl, length: len, end };
}

/** Dotted form of an OBJECT IDENTIFIER's content bytes. */
export function decodeOid(c: Uint8Array): string {
  if (c.length === 0) return '';
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < c.length; i++) {
    v = v * 128 + (c[i] & 0x7f);
    if ((c[i] & 0x80) === 0) {
      if (parts.length === 0) {
        const first = v < 80 ? Math.floor(v / 40) : 2;
        parts.push(first, v - first * 40);
      } else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** Certificate ::= SEQUENCE { tbs, signatureAlgorithm SEQUENCE { OID … }, signature }: the OID. */
export function certSignatureAlgorithmOid(der: Uint8Array): string | undefined {
  const cert = readTlv(der, 0);
  if (!cert || cert.tag !== 0x30) return undefined;
  const tbs = readTlv(der, cert.start + cert.headerLength, cert.end);
  if (!tbs) return undefined;
  const alg = readTlv(der, tbs.end, cert.end);
  if (!alg || alg.tag !== 0x30) return undefined;
  const oid = readTlv(der, alg.start + alg.headerLength, alg.end);
  if (!oid || oid.tag !== 0x06) return undefined;
  return decodeOid(der.subarray(oid.start + oid.headerLength, oid.end));
}

export const OID_NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'rsaEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10040.4.1': 'dsa',
  '1.2.840.10040.4.3': 'dsaWithSha1',
  '2.16.840.1.101.3.4.3.1': 'dsaWithSha224',
  '2.16.840.1.101.3.4.3.2': 'dsaWithSha256',
  '1.2.840.10045.2.1': 'ecPublicKey',
  '1.2.840.10045.4.1': 'ecdsaWithSha1',
  '1.2.840.10045.4.3.1': 'ecdsaWithSha224',
  '1.2.840.10045.4.3.2': 'ecdsaWithSha256',
  '1.2.840.10045.4.3.3': 'ecdsaWithSha384',
  '1.2.840.10045.4.3.4': 'ecdsaWithSha512',
  '1.3.101.112': 'Ed25519',
  '1.2.840.113549.2.5': 'md5',
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Children TLVs of a constructed TLV. */
export function children(b: Uint8Array, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let o = t.start + t.headerLength;
  while (o < t.end) {
    const c = readTlv(b, o, t.end);
    if (!c) break;
    out.push(c);
    o = c.end;
  }
  return out;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/**
 * A comparable form of an X.500 Name (like Java's X500Principal.equals): attribute OIDs and values
 * with the string type ignored, case folded and whitespace collapsed.
 */
export function canonicalName(b: Uint8Array): string | undefined {
  const name = readTlv(b, 0);
  if (!name || name.tag !== 0x30) return undefined;
  const parts: string[] = [];
  for (const rdn of children(b, name)) {
    const atvs: string[] = [];
    for (const atv of children(b, rdn)) {
      const [oid, value] = children(b, atv);
      if (!oid || !value) return undefined;
      const raw = b.subarray(value.start + value.headerLength, value.end);
      const text =
        value.tag === 0x1e
          ? String.fromCharCode(
              ...new Uint16Array(new Uint8Array(raw).buffer.slice(0, raw.length & ~1)).map(
                (c) => ((c & 0xff) << 8) | (c >> 8),
              ),
            )
          : value.tag === 0x0c
            ? utf8.decode(raw)
            : latin1.decode(raw);
      atvs.push(
        `${decodeOid(b.subarray(oid.start + oid.headerLength, oid.end))}=${text.trim().replace(/\s+/g, ' ').toLowerCase()}`,
      );
    }
    parts.push(atvs.sort().join('+'));
  }
  return parts.join(',');
}
