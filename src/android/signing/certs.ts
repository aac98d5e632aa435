import { X509Certificate, createHash } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { certSignatureAlgorithmOid, OID_NAMES } from './der.js';
import { memo } from './memo.js';
import type { CertificateInfo } from './types.js';

export type ParsedCertificate = {
  info: CertificateInfo;
  x509: X509Certificate;
  publicKey: KeyObject;
  spki: Buffer;
};

const KEY_NAMES: Record<string, string> = {
  rsa: 'RSA',
  'rsa-pss': 'RSA',
  ec: 'EC',
  dsa: 'DSA',
  ed25519: 'Ed25519',
  ed448: 'Ed448',
};

function javaStyleName(dn: string): string {
  return dn.split('\n').filter(Boolean).reverse().join(', ');
}

/**
 * Parses a DER certificate; returns the underlying error text as a string reason on failure.
 * Within one verification (see memo.ts) each distinct certificate is parsed once.
 */
export function parseCertificate(der: Uint8Array): ParsedCertificate | { error: string } {
  return memo('cert', der, () => parseCertificateNow(der));
}

function parseCertificateNow(der: Uint8Array): ParsedCertificate | { error: string } {
  let x509: X509Certificate;
  let publicKey: X509Certificate['publicKey'];
  let spki: Buffer;
  try {
    // node:crypto parses the key lazily: a corrupt SubjectPublicKeyInfo throws here, not above.
    x509 = new X509Certificate(Buffer.from(der.buffer, der.byteOffset, der.byteLength));
    publicKey = x509.publicKey;
    spki = publicKey.export({ type: 'spki', format: 'der' });
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  const details = publicKey.asymmetricKeyDetails ?? {};
  const type = publicKey.asymmetricKeyType ?? 'unknown';
  const oid = certSignatureAlgorithmOid(der) ?? '';
  const hash = (alg: string, b: Uint8Array): string => createHash(alg).update(b).digest('hex');
  let keySize = details.modulusLength;
  if (type === 'ec') keySize = ecBits(details.namedCurve);
  const info: CertificateInfo = {
    der,
    sha256: hash('sha256', der),
    sha1: hash('sha1', der),
    md5: hash('md5', der),
    subject: javaStyleName(x509.subject),
    issuer: javaStyleName(x509.issuer),
    serialNumber: x509.serialNumber,
    keyAlgorithm: KEY_NAMES[type] ?? type,
    keySize,
    curve: details.namedCurve,
    publicKeySha256: hash('sha256', spki),
    signatureAlgorithm: OID_NAMES[oid] ?? oid,
    signatureAlgorithmOid: oid,
    validFrom: iso(x509.validFrom),
    validTo: iso(x509.validTo),
  };
  return { info, x509, publicKey, spki };
}

function ecBits(curve: string | undefined): number | undefined {
  if (!curve) return undefined;
  const m = /(\d{3})/.exec(curve);
  return m ? Number(m[1]) : undefined;
}

function iso(d: string): string {
  const t = Date.parse(d);
  return Number.isFinite(t) ? new Date(t).toISOString() : d;
}
