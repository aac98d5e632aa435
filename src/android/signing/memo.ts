/**
 * A memo for one signature verification. The same certificate and public key usually appear in
 * every scheme of an APK (v1, v2, v3, v3.1 and the v3 lineage), and parsing them through
 * node:crypto is most of the fixed cost of verifying a small APK. `withMemo` scopes the memo to one
 * synchronous `verifyApkSignatures` call, so nothing is shared between APKs or kept afterwards.
 */
import { toBuffer } from '../../core/bytes.js';

let active: Map<string, unknown> | undefined;

/** Runs `fn` with a fresh memo (or inside the one already active). */
export function withMemo<T>(fn: () => T): T {
  if (active) return fn();
  active = new Map();
  try {
    return fn();
  } finally {
    active = undefined;
  }
}

/** `compute()` once per (`kind`, content of `bytes`) while a memo is active; always `compute()` otherwise. */
export function memo<T>(kind: string, bytes: Uint8Array, compute: () => T): T {
  if (!active) return compute();
  const key = `${kind}:${toBuffer(bytes).toString('latin1')}`;
  if (active.has(key)) return active.get(key) as T;
  const value = compute();
  active.set(key, value);
  return value;
}
