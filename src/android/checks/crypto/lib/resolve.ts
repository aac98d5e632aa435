/**
 * One step beyond the method: a value that is a parameter is looked up at the method's callers,
 * and an instance (or non-final static) field at its writers, so a key or IV built in a
 * constructor and passed to a static `encrypt(iv, key, data)` helper is still seen.
 *
 * Local to the checks (src/android/code analyses one method at a time). Bounded: a few levels,
 * a few callers and writers each; anything else stays as it was (usually unknown).
 */
import { isDfslabError } from '../../../../core/errors.js';
import type { AuditContext } from '../../../audit/context.js';
import {
  alternatives,
  knownBytes,
  UNKNOWN,
  possibleInts,
  possibleStrings,
  type MethodValues,
  type Value,
} from '../../../code/index.js';
import { ACC, fieldReaders, fieldWriters, invokesOf, methodDescriptor } from '../../../dex/index.js';
import { methodValues, whereText, type ValueSite } from './sites.js';

const MAX_DEPTH = 2;
const MAX_SOURCES = 8;
/** A method that calls this on an array read from the field may have filled it with random bytes. */
const FILLS_ARRAY = [
  'Ljava/security/SecureRandom;->nextBytes([B)V',
  'Ljava/util/Random;->nextBytes([B)V',
  'Ljava/lang/System;->arraycopy(',
];

/** A value and, when it came from elsewhere, where (`Lcls;->m() at 0x4`). */
export type Resolved = { value: Value; via?: string };

function isStaticMethod(mv: MethodValues): boolean {
  return (mv.method.accessFlags & ACC.static) !== 0;
}

function fromCallers(
  ctx: AuditContext,
  mv: MethodValues,
  index: number,
  depth: number,
): Resolved[] | undefined {
  const callers = ctx.calls(mv.descriptor);
  if (callers.length === 0 || callers.length > MAX_SOURCES) return undefined;
  const at = index + (isStaticMethod(mv) ? 0 : 1);
  const out: Resolved[] = [];
  for (const c of callers) {
    const cmv = methodValues(c.dex, c.encoded);
    const v = cmv?.calls.get(c.offset)?.args[at];
    if (!cmv || !v) return undefined;
    const via = whereText(cmv.descriptor, c.offset);
    for (const r of resolveIn(ctx, cmv, v, depth - 1)) out.push({ value: r.value, via: r.via ?? via });
  }
  return out;
}

function refillsField(ctx: AuditContext, field: string): boolean {
  const code = ctx.code;
  if (!code) return true;
  for (const site of fieldReaders(code, field)) {
    const ix = code.parts[site.part];
    for (const inv of invokesOf(ix, site.method)) {
      let d: string;
      try {
        d = methodDescriptor(ix.dex, inv.methodIdx);
      } catch (e) {
        if (!isDfslabError(e)) throw e;
        continue;
      }
      if (FILLS_ARRAY.some((p) => d.startsWith(p))) return true;
    }
  }
  return false;
}

/** The values written to `field`; 'refilled' when code that reads it may overwrite the array's contents. */
function fromWriters(ctx: AuditContext, field: string, depth: number): Resolved[] | 'refilled' | undefined {
  const code = ctx.code;
  if (!code) return undefined;
  if (refillsField(ctx, field)) return 'refilled';
  const writers = fieldWriters(code, field);
  if (writers.length === 0 || writers.length > MAX_SOURCES) return undefined;
  const out: Resolved[] = [];
  for (const w of writers) {
    const entry = ctx.dex[w.part];
    const wmv = methodValues(entry.dex, entry.dex.method(w.method));
    const i = wmv && w.offset < wmv.cfg.at.length ? wmv.cfg.at[w.offset] : -1;
    const state = wmv && i >= 0 ? wmv.stateBefore(w.offset) : undefined;
    const src = i >= 0 ? wmv?.insns[i].registers[0] : undefined;
    const v = state && src !== undefined ? state[src] : undefined;
    if (!wmv || !v) return undefined;
    const via = whereText(wmv.descriptor, w.offset);
    for (const r of resolveIn(ctx, wmv, v, depth - 1)) out.push({ value: r.value, via: r.via ?? via });
  }
  return out;
}

/** The values `v` (seen in method `mv`) may stand for, following parameters and fields a few steps. */
export function resolveIn(ctx: AuditContext, mv: MethodValues, v: Value, depth = MAX_DEPTH): Resolved[] {
  const out: Resolved[] = [];
  for (const a of alternatives(v)) {
    let more: Resolved[] | 'refilled' | undefined;
    if (depth > 0 && a.kind === 'param') more = fromCallers(ctx, mv, a.index, depth);
    // Every writer, not only the constructor's store the analysis resolved (`initial`): the field may be reassigned.
    else if (a.kind === 'field') more = depth > 0 ? fromWriters(ctx, a.field, depth) : undefined;
    if (more === 'refilled') out.push({ value: UNKNOWN });
    else if (more && more.length > 0) out.push(...more);
    else out.push({ value: a });
  }
  return out;
}

/** `s.values.args[i]` followed to its sources (receiver first in `args`). */
export function argValues(ctx: AuditContext, s: ValueSite, i: number): Resolved[] {
  const v = s.values.args[i];
  return v ? resolveIn(ctx, s.mv, v) : [];
}

/** ` (value from Lcls;->m() at 0x4)` for a value that came from a caller or a field writer, else ''. */
export function viaText(r: { via?: string }): string {
  return r.via ? ` (value from ${r.via})` : '';
}

/** Every constant string argument `i` may be, with where it came from (unknown sources are dropped). */
export function argStrings(ctx: AuditContext, s: ValueSite, i: number): { text: string; via?: string }[] {
  const out: { text: string; via?: string }[] = [];
  for (const r of argValues(ctx, s, i)) {
    for (const text of possibleStrings(r.value) ?? [])
      if (!out.some((o) => o.text === text)) out.push(r.via ? { text, via: r.via } : { text });
  }
  return out;
}

/** Every constant byte array argument `i` may be (a byte[] of literals, new byte[n], "…".getBytes()). */
export function argBytes(ctx: AuditContext, s: ValueSite, i: number): { bytes: Uint8Array; via?: string }[] {
  const out: { bytes: Uint8Array; via?: string }[] = [];
  for (const r of argValues(ctx, s, i)) {
    const bytes = knownBytes(r.value);
    if (bytes) out.push(r.via ? { bytes, via: r.via } : { bytes });
  }
  return out;
}

/** Every constant integer argument `i` may be; undefined when any source is not a constant. */
export function argInts(
  ctx: AuditContext,
  s: ValueSite,
  i: number,
): { value: number | bigint; via?: string }[] | undefined {
  const out: { value: number | bigint; via?: string }[] = [];
  for (const r of argValues(ctx, s, i)) {
    const ints = possibleInts(r.value);
    if (!ints) return undefined;
    for (const value of ints) out.push(r.via ? { value, via: r.via } : { value });
  }
  return out;
}
