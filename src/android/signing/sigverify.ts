import { constants, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { SignatureAlgorithm } from './constants.js';
import { memo } from './memo.js';

const KEY_TYPES: Record<SignatureAlgorithm['keyType'], string[]> = { RSA: ['rsa'], EC: ['ec'], DSA: ['dsa'] };

/** Parses a SubjectPublicKeyInfo for `alg` (like Java's KeyFactory: the key type must match). */
export function publicKeyFor(alg: SignatureAlgorithm, spki: Uint8Array): KeyObject | { error: string } {
  return memo(`key-${alg.keyType}`, spki, () => parsePublicKey(alg, spki));
}

function parsePublicKey(alg: SignatureAlgorithm, spki: Uint8Array): KeyObject | { error: string } {
  try {
    const key = createPublicKey({
      key: Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength),
      format: 'der',
      type: 'spki',
    });
    if (!KEY_TYPES[alg.keyType].includes(key.asymmetricKeyType ?? '')) {
      return { error: `${alg.keyType} key expected, found ${key.asymmetricKeyType ?? 'unknown'}` };
    }
    return key;
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** true/false, or an error text when the primitive refused the input (apksig's *_VERIFY_EXCEPTION). */
export function verifySignature(
  alg: SignatureAlgorithm,
  key: KeyObject,
  data: Uint8Array,
  sig: Uint8Array,
): boolean | { error: string } {
  try {
    const k = alg.pssSalt ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.pssSalt } : key;
    return verify(alg.hash, data, k, sig);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Verifies with an already-parsed certificate key (lineage nodes, v1 SignerInfos). */
export function verifyWithKey(
  hash: string,
  key: KeyObject,
  data: Uint8Array,
  sig: Uint8Array,
  pssSalt?: number,
): boolean | { error: string } {
  try {
    const k = pssSalt ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pssSalt } : key;
    return verify(hash, data, k, sig);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
