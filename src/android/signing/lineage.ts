import type { KeyObject } from 'node:crypto';
import { parseCertificate } from './certs.js';
import { signatureAlgorithm } from './constants.js';
import { Cursor, Malformed } from './lp.js';
import { verifyWithKey } from './sigverify.js';
import type { LineageNode } from './types.js';

const LINEAGE_VERSION = 1;

/** Why a proof-of-rotation attribute was rejected, with apksig's issue code. */
export type LineageFailure = {
  code: 'V3_SIG_MALFORMED_LINEAGE' | 'V3_SIG_POR_DID_NOT_VERIFY';
  message: string;
};

/**
 * Reads and verifies a v3 proof-of-rotation lineage: uint32 version, then length-prefixed nodes of
 * (signed data: cert, algorithm id), flags, algorithm id, signature by the previous node's key.
 */
export function readLineage(value: Uint8Array, maxCerts: number): LineageNode[] | LineageFailure {
  const nodes: LineageNode[] = [];
  const seen = new Set<string>();
  let lastKey: KeyObject | undefined;
  let lastAlg = 0;
  try {
    const c = new Cursor(value);
    const version = c.u32();
    if (version !== LINEAGE_VERSION) {
      return {
        code: 'V3_SIG_MALFORMED_LINEAGE',
        message: `Encoded SigningCertificateLineage has unknown version ${version}`,
      };
    }
    while (c.hasRemaining()) {
      if (nodes.length >= maxCerts)
        return { code: 'V3_SIG_MALFORMED_LINEAGE', message: `more than ${maxCerts} certificates in lineage` };
      const n = nodes.length + 1;
      const node = new Cursor(c.lp());
      const signedData = node.lp();
      const flags = node.u32();
      const algId = node.u32();
      const signature = node.lp();
      if (lastKey) {
        const alg = signatureAlgorithm(lastAlg);
        if (!alg)
          return {
            code: 'V3_SIG_POR_DID_NOT_VERIFY',
            message: `Unknown signature algorithm ${lastAlg} for certificate #${n}`,
          };
        const ok = verifyWithKey(alg.hash, lastKey, signedData, signature, alg.pssSalt);
        if (ok !== true) {
          return {
            code: 'V3_SIG_POR_DID_NOT_VERIFY',
            message: `Unable to verify signature of certificate #${n} using ${alg.name} when verifying V3SigningCertificateLineage object`,
          };
        }
      }
      const sd = new Cursor(signedData);
      const der = sd.lp();
      const signedAlg = sd.u32();
      if (lastKey && signedAlg !== lastAlg) {
        return {
          code: 'V3_SIG_POR_DID_NOT_VERIFY',
          message: `Signing algorithm ID mismatch for certificate #${n} when verifying V3SigningCertificateLineage object`,
        };
      }
      const cert = parseCertificate(der);
      if ('error' in cert)
        return {
          code: 'V3_SIG_MALFORMED_LINEAGE',
          message: `Failed to decode certificate #${n}: ${cert.error}`,
        };
      if (seen.has(cert.info.sha256)) {
        return {
          code: 'V3_SIG_POR_DID_NOT_VERIFY',
          message: `Encountered duplicate entries in SigningCertificateLineage at certificate #${n}. All signing certificates should be unique`,
        };
      }
      seen.add(cert.info.sha256);
      nodes.push({
        certificate: cert.info,
        flags,
        parentSignatureAlgorithmId: lastAlg,
        signatureAlgorithmId: algId,
      });
      lastKey = cert.publicKey;
      lastAlg = algId;
    }
  } catch (e) {
    if (e instanceof Malformed)
      return {
        code: 'V3_SIG_MALFORMED_LINEAGE',
        message: `Failed to parse SigningCertificateLineage object: ${e.message}`,
      };
    throw e;
  }
  return nodes;
}

/** apksig's consolidateLineages: every lineage must be a prefix of the longest one. */
export function consolidateLineages(lineages: LineageNode[][]): LineageNode[] | undefined | 'inconsistent' {
  if (lineages.length === 0) return undefined;
  let longest = lineages[0];
  for (const l of lineages) if (l.length > longest.length) longest = l;
  for (const l of lineages) {
    for (let i = 0; i < l.length; i++) {
      if (l[i].certificate.sha256 !== longest[i].certificate.sha256) return 'inconsistent';
    }
  }
  return longest;
}
