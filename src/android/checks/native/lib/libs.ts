/**
 * Shared helpers for the native-code checks. Findings are one per library NAME (libfoo.so),
 * listing every ABI copy affected: the copies come from one source and one build, so they are
 * fixed together, and a finding per copy would only multiply the same message by 2–4.
 */
import type { FileEvidence } from '../../../../core/findings.js';
import type { NativeLib } from '../../../apk.js';
import type { ElfInfo, ElfSegment } from '../../../elf/index.js';

export type ParsedLib = NativeLib & { elf: ElfInfo };
export type Affected = { name: string; libs: { lib: ParsedLib; evidence: FileEvidence }[] };

/** Groups the parsed libraries that `test` flags by library name, in APK order. */
export function affectedLibs(
  libs: readonly NativeLib[],
  test: (lib: ParsedLib) => FileEvidence | undefined,
): Affected[] {
  const byName = new Map<string, Affected>();
  for (const lib of libs) {
    if (!lib.elf) continue;
    const parsed = lib as ParsedLib;
    const evidence = test(parsed);
    if (!evidence) continue;
    let group = byName.get(lib.name);
    if (!group) byName.set(lib.name, (group = { name: lib.name, libs: [] }));
    group.libs.push({ lib: parsed, evidence });
  }
  return [...byName.values()];
}

export function abis(a: Affected): string {
  return a.libs.map((l) => l.lib.abi).join(', ');
}

/** Evidence pointing at a program header's segment (file offset and size inside the library). */
export function segmentEvidence(lib: ParsedLib, seg: ElfSegment, note: string): FileEvidence {
  const index = lib.elf.segments.indexOf(seg);
  const ev: FileEvidence = {
    kind: 'file',
    file: lib.file,
    snippet: `program header #${index} ${seg.typeName} ${flagText(seg.flags)}: ${note}`,
  };
  // GNU_STACK and similar headers describe no bytes (offset and size 0): point at content only when there is some.
  if (seg.filesz > 0) {
    ev.byteOffset = seg.offset;
    ev.length = seg.filesz;
  }
  return ev;
}

export function libEvidence(lib: ParsedLib, note: string): FileEvidence {
  return { kind: 'file', file: lib.file, snippet: note };
}

export function flagText(flags: number): string {
  return `${flags & 4 ? 'R' : '-'}${flags & 2 ? 'W' : '-'}${flags & 1 ? 'E' : '-'}`;
}
