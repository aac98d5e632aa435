/**
 * PKCS #7 SignedData in a JAR signature block (.RSA/.DSA/.EC): parse with @peculiar/asn1-cms,
 * take certificates' original bytes with a DER walk, and verify a SignerInfo against the .SF
 * file as Android does (apksig's V1SchemeVerifier.Signer.verifySignerInfoAgainstSigFile).
 */
import { createHash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import type { SignerInfo } from '@peculiar/asn1-cms';
import { Certificate } from '@peculiar/asn1-x509';
import { SDK } from '../constants.js';
import type { ParsedCertificate } from '../certs.js';
import { canonicalName, children, decodeOid, readTlv } from '../der.js';
import { equalBytes } from '../lp.js';
import { verifyWithKey } from '../sigverify.js';
import { DIGEST_OIDS, signatureHash, unsupportedApiLevels } from './sigalgs.js';

export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_KEY_USAGE = '2.5.29.15';
/** Extensions Java's X509 implementation understands (a critical one outside this set is refused). */
const KNOWN_EXTENSIONS = new Set(
  [
    '14',
    '15',
    '16',
    '17',
    '18',
    '19',
    '30',
    '31',
    '32',
    '33',
    '35',
    '36',
    '37',
    '46',
    '54',
    '9',
    '20',
    '21',
    '24',
    '27',
    '28',
    '29',
  ].map((n) => `2.5.29.${n}`),
);
KNOWN_EXTENSIONS.add('1.3.6.1.5.5.7.1.1').add('1.3.6.1.5.5.7.1.11').add('2.16.840.1.113730.1.1');

/** A SignerInfo outcome: the certificate it verified with, null (did not verify, try the next), or a fatal issue. */
export type SignerInfoOutcome = ParsedCertificate | null | { code: string; message: string };

export class Pkcs7Error extends Error {}

export type ParsedSignedData = {
  signedData: SignedData;
  certificateDers: Uint8Array[];
  signedAttrsRaw: (Uint8Array | undefined)[];
};

function toView(b: ArrayBuffer | ArrayBufferView): Uint8Array {
  return ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
}

/** ContentInfo → SignedData; throws Pkcs7Error with apksig-like text when not parseable. */
export function parseSignedData(block: Uint8Array): ParsedSignedData {
  let contentInfo: ContentInfo;
  let signedData: SignedData;
  try {
    contentInfo = AsnConvert.parse(block, ContentInfo);
  } catch (e) {
    throw new Pkcs7Error(`Failed to parse ContentInfo: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (contentInfo.contentType !== OID_SIGNED_DATA)
    throw new Pkcs7Error(`Unsupported ContentInfo.contentType: ${contentInfo.contentType}`);
  const content = toView(contentInfo.content);
  try {
    signedData = AsnConvert.parse(content, SignedData);
  } catch (e) {
    throw new Pkcs7Error(`Failed to parse SignedData: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { signedData, certificateDers: rawCertificates(content), signedAttrsRaw: rawSignedAttrs(content) };
}

/** The original bytes of each SignerInfo's [0] signedAttrs (Android verifies over them, with the tag changed to SET). */
function rawSignedAttrs(sd: Uint8Array): (Uint8Array | undefined)[] {
  const outer = readTlv(sd, 0);
  if (!outer) return [];
  const parts = children(sd, outer);
  const infos = parts[parts.length - 1];
  if (!infos || infos.tag !== 0x31) return [];
  return children(sd, infos).map((si) => {
    const f = children(sd, si);
    const a = f[3];
    return a && a.tag === 0xa0 ? sd.subarray(a.start, a.end) : undefined;
  });
}

/** The original bytes of each certificate in SignedData.certificates [0] (re-encoding would change their digests). */
function rawCertificates(sd: Uint8Array): Uint8Array[] {
  const outer = readTlv(sd, 0);
  if (!outer) return [];
  let o = outer.start + outer.headerLength;
  const out: Uint8Array[] = [];
  for (let i = 0; i < 4 && o < outer.end; i++) {
    const t = readTlv(sd, o, outer.end);
    if (!t) return out;
    if (t.tag === 0xa0) {
      let c = t.start + t.headerLength;
      while (c < t.end) {
        const cert = readTlv(sd, c, t.end);
        if (!cert) break;
        if (cert.tag === 0x30) out.push(sd.subarray(cert.start, cert.end));
        c = cert.end;
      }
      return out;
    }
    o = t.end;
  }
  return out;
}

function tbsIssuer(der: Uint8Array): Uint8Array | undefined {
  const cert = readTlv(der, 0);
  if (!cert) return undefined;
  const tbs = readTlv(der, cert.start + cert.headerLength, cert.end);
  if (!tbs) return undefined;
  let o = tbs.start + tbs.headerLength;
  let t = readTlv(der, o, tbs.end);
  if (t && t.tag === 0xa0) {
    o = t.end;
    t = readTlv(der, o, tbs.end);
  }
  for (let i = 0; i < 2 && t; i++) t = readTlv(der, t.end, tbs.end);
  return t ? der.subarray(t.start, t.end) : undefined;
}

function bigintOf(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

function findCertificate(certs: ParsedCertificate[], si: SignerInfo): ParsedCertificate | undefined {
  const ias = si.sid.issuerAndSerialNumber;
  if (!ias) return undefined;
  const serial = bigintOf(toView(ias.serialNumber));
  let issuer: string | undefined;
  try {
    issuer = canonicalName(new Uint8Array(AsnConvert.serialize(ias.issuer)));
  } catch {
    return undefined;
  }
  return certs.find((c) => {
    if (BigInt(`0x${c.info.serialNumber || '0'}`) !== serial) return false;
    const raw = tbsIssuer(c.info.der);
    return raw !== undefined && canonicalName(raw) === issuer;
  });
}

/** Android's explicit checks on the signing certificate: no unknown critical extension, keyUsage allows signing. */
function certificateProblem(der: Uint8Array): string | undefined {
  let cert: Certificate;
  try {
    cert = AsnConvert.parse(der, Certificate);
  } catch (e) {
    return `Failed to parse signing certificate: ${e instanceof Error ? e.message : String(e)}`;
  }
  for (const ext of cert.tbsCertificate.extensions ?? []) {
    if (ext.critical && !KNOWN_EXTENSIONS.has(ext.extnID))
      return 'Signing certificate has unsupported critical extensions';
    if (ext.extnID !== OID_KEY_USAGE) continue;
    const v = toView(ext.extnValue.buffer);
    const bits = readTlv(v, 0);
    const first = bits && bits.length >= 2 ? v[bits.start + bits.headerLength + 1] : 0;
    if ((first & 0xc0) === 0) {
      return 'Signing certificate not authorized for use in digital signatures: keyUsage extension missing digitalSignature and nonRepudiation';
    }
  }
  return undefined;
}

function singleValue(
  attrs: { attrType: string; attrValues: ArrayBuffer[] }[],
  oid: string,
): Uint8Array | undefined {
  const found = attrs.filter((a) => a.attrType === oid);
  if (found.length === 0) return undefined;
  if (found.length > 1 || found[0].attrValues.length !== 1)
    throw new Pkcs7Error(`Attribute ${oid} has multiple values`);
  return toView(found[0].attrValues[0]);
}

function tlvContent(b: Uint8Array, tag: number): Uint8Array | undefined {
  const t = readTlv(b, 0);
  return t && t.tag === tag ? b.subarray(t.start + t.headerLength, t.end) : undefined;
}

export type SignerInfoContext = {
  minSdk: number;
  maxSdk: number;
  blockName: string;
  encapContentType: string;
};

/** Verifies one SignerInfo over the .SF bytes; throws Pkcs7Error for parse problems (JAR_SIG_PARSE_EXCEPTION). */
export function verifySignerInfo(
  si: SignerInfo,
  rawAttrs: Uint8Array | undefined,
  certs: ParsedCertificate[],
  sf: Uint8Array,
  ctx: SignerInfoContext,
): SignerInfoOutcome {
  const digestOid = si.digestAlgorithm.algorithm;
  const sigOid = si.signatureAlgorithm.algorithm;
  const missing = unsupportedApiLevels(digestOid, sigOid, ctx.minSdk, ctx.maxSdk);
  if (missing.length > 0) {
    return {
      code: 'JAR_SIG_UNSUPPORTED_SIG_ALG',
      message: `JAR signature ${ctx.blockName} uses digest algorithm ${digestOid} and signature algorithm ${sigOid} which is not supported on API Level(s) ${missing.join(', ')} for which this APK is being verified`,
    };
  }
  const verifyError = (message: string) => ({
    code: 'JAR_SIG_VERIFY_EXCEPTION',
    message: `Failed to verify JAR signature ${ctx.blockName}: ${message}`,
  });
  const cert = findCertificate(certs, si);
  if (!cert) return verifyError('Signing certificate referenced in SignerInfo not found in SignedData');
  const problem = certificateProblem(cert.info.der);
  if (problem) return verifyError(problem);
  const hash = signatureHash(digestOid, sigOid);
  if (!hash)
    return verifyError(
      `Unsupported JCA Signature algorithm. Digest algorithm: ${digestOid}, signature algorithm: ${sigOid}`,
    );
  let signed: Uint8Array = sf;
  if (si.signedAttrs) {
    if (ctx.minSdk < SDK.KITKAT)
      return verifyError(`APKs with Signed Attributes broken on platforms with API Level < ${SDK.KITKAT}`);
    if (ctx.maxSdk >= SDK.N) {
      const ct = singleValue(si.signedAttrs, OID_CONTENT_TYPE);
      if (!ct) return verifyError('No Content Type in signed attributes');
      const oid = tlvContent(ct, 0x06);
      if (!oid || decodeOid(oid) !== ctx.encapContentType) return null;
    }
    const md = singleValue(si.signedAttrs, OID_MESSAGE_DIGEST);
    const expected = md ? tlvContent(md, 0x04) : undefined;
    if (!expected) return verifyError('No content digest in signed attributes');
    const digestName = DIGEST_OIDS[digestOid];
    if (!digestName) return verifyError(`Unsupported digest algorithm ${digestOid}`);
    if (!equalBytes(createHash(digestName).update(sf).digest(), expected)) return null;
    const raw = rawAttrs;
    if (!raw || raw.length === 0) return verifyError('Failed to parse signed attributes');
    const copy = new Uint8Array(raw);
    copy[0] = 0x31;
    signed = copy;
  }
  const ok = verifyWithKey(hash, cert.publicKey, signed, toView(si.signature.buffer));
  if (ok === true) return cert;
  if (ok === false) return null;
  return verifyError(ok.error);
}
