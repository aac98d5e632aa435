import { AnomalyList } from '../../core/anomaly.js';
import { FormatError, LimitError } from '../../core/errors.js';
import type { ArscLimits } from '../../core/limits.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import type { Ctx } from './chunks.js';
import { readFixedUtf16, readLibrary, readStagedAlias, readType, readTypeSpec } from './chunks.js';
import { CHUNK, CHUNK_HEADER_SIZE, FORMAT, PKG, TABLE_HEADER_SIZE } from './constants.js';
import { emptyStringPool, readStringPool } from './strings.js';
import type { ResPackage, ResourceTable, StringPool } from './types.js';

type ChunkVisitor = (type: number, o: number, headerSize: number, size: number) => void;

function warn(ctx: Ctx, code: string, message: string, offset: number): void {
  ctx.anomalies.add({ format: FORMAT, code, severity: 'warning', message, offset });
}

/**
 * Walks the chunks between `start` and `end`, validating each header against its parent. A chunk
 * that does not fit ends the walk with an anomaly (Android stops there too).
 */
function walkChunks(ctx: Ctx, start: number, end: number, parent: string, visit: ChunkVisitor): void {
  const { view } = ctx;
  let o = start;
  while (o < end) {
    if (end - o < CHUNK_HEADER_SIZE) {
      warn(ctx, 'trailing-bytes', `${end - o} bytes after the last chunk of the ${parent}`, o);
      return;
    }
    const type = view.getUint16(o, true);
    const headerSize = view.getUint16(o + 2, true);
    const size = view.getUint32(o + 4, true);
    if (headerSize < CHUNK_HEADER_SIZE || headerSize > size) {
      warn(
        ctx,
        'bad-chunk-header',
        `chunk 0x${type.toString(16)} in the ${parent} has header size ${headerSize} and size ${size}`,
        o,
      );
      return;
    }
    if (size > end - o) {
      warn(
        ctx,
        'chunk-larger-than-parent',
        `chunk 0x${type.toString(16)} of ${size} bytes overflows the ${parent}`,
        o,
      );
      return;
    }
    if (size & 3)
      warn(ctx, 'unaligned-chunk', `chunk 0x${type.toString(16)} size ${size} is not a multiple of 4`, o);
    visit(type, o, headerSize, size);
    o += size;
  }
}

/** A string pool referenced by an offset inside the package (typeStrings / keyStrings). */
function poolAt(ctx: Ctx, pkgOffset: number, pkgEnd: number, rel: number, what: string): StringPool {
  const { view } = ctx;
  const o = pkgOffset + rel;
  if (rel === 0 || o + CHUNK_HEADER_SIZE > pkgEnd) {
    warn(ctx, 'missing-string-pool', `package has no ${what} string pool`, pkgOffset);
    return emptyStringPool(o);
  }
  const size = view.getUint32(o + 4, true);
  if (view.getUint16(o, true) !== CHUNK.STRING_POOL || size > pkgEnd - o || size < CHUNK_HEADER_SIZE) {
    warn(
      ctx,
      'missing-string-pool',
      `the package's ${what} string pool offset does not point at a string pool`,
      o,
    );
    return emptyStringPool(o);
  }
  return readStringPool(ctx.bytes, view, o, o + size, ctx.limits.maxStrings, ctx.anomalies, what);
}

function readPackage(ctx: Ctx, o: number, headerSize: number, size: number): ResPackage | undefined {
  const { view } = ctx;
  if (headerSize < PKG.MIN_HEADER_SIZE) {
    warn(ctx, 'bad-package', `package header size ${headerSize} is too small`, o);
    return undefined;
  }
  const id = view.getUint32(o + PKG.ID, true);
  if (id > 0xff) {
    warn(ctx, 'bad-package', `package id 0x${id.toString(16)} does not fit in a byte`, o);
    return undefined;
  }
  const end = o + size;
  const typeRel = view.getUint32(o + PKG.TYPE_STRINGS, true);
  const keyRel = view.getUint32(o + PKG.KEY_STRINGS, true);
  const pkg: ResPackage = {
    offset: o,
    id,
    name: readFixedUtf16(view, o + PKG.NAME, PKG.NAME_BYTES / 2),
    typeStrings: poolAt(ctx, o, end, typeRel, 'type'),
    keyStrings: poolAt(ctx, o, end, keyRel, 'key'),
    lastPublicType: view.getUint32(o + PKG.LAST_PUBLIC_TYPE, true),
    lastPublicKey: view.getUint32(o + PKG.LAST_PUBLIC_KEY, true),
    typeIdOffset: headerSize >= PKG.TYPE_ID_OFFSET + 4 ? view.getUint32(o + PKG.TYPE_ID_OFFSET, true) : 0,
    types: [],
    libraries: [],
    stagedAliases: [],
    overlayableCount: 0,
  };
  if (pkg.typeIdOffset > 0xff) {
    warn(ctx, 'bad-package', `typeIdOffset ${pkg.typeIdOffset} is out of range`, o);
    pkg.typeIdOffset = 0;
  }
  walkChunks(ctx, o + headerSize, end, 'package', (type, co, ch, cs) => {
    switch (type) {
      case CHUNK.STRING_POOL:
        if (co !== o + typeRel && co !== o + keyRel) {
          warn(ctx, 'extra-string-pool', 'a string pool in the package is neither its type nor key pool', co);
        }
        return;
      case CHUNK.TYPE_SPEC:
        return readTypeSpec(ctx, pkg, co, ch, cs);
      case CHUNK.TYPE:
        return readType(ctx, pkg, co, ch, cs);
      case CHUNK.LIBRARY:
        return readLibrary(ctx, pkg, co, ch, cs);
      case CHUNK.OVERLAYABLE:
        pkg.overlayableCount++;
        return;
      case CHUNK.STAGED_ALIAS:
        return readStagedAlias(ctx, pkg, co, ch, cs);
      default:
        warn(ctx, 'unknown-chunk', `unknown chunk type 0x${type.toString(16)} in a package`, co);
    }
  });
  return pkg;
}

/**
 * Parses resources.arsc. The string pools and entries are validated but decoded on demand, so
 * even a framework-res table parses quickly; see createResolver and lookup.ts for the queries.
 */
export function parseArsc(bytes: Uint8Array, limits: ArscLimits = DEFAULT_LIMITS.arsc): ResourceTable {
  if (bytes.length < TABLE_HEADER_SIZE)
    throw new FormatError(FORMAT, 0, 'too short for a resource table header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = view.getUint16(0, true);
  const headerSize = view.getUint16(2, true);
  const size = view.getUint32(4, true);
  if (type !== CHUNK.TABLE)
    throw new FormatError(FORMAT, 0, `not a resource table (chunk type 0x${type.toString(16)})`);
  if (headerSize < TABLE_HEADER_SIZE || headerSize > size) {
    throw new FormatError(FORMAT, 2, `table header size ${headerSize} is invalid`);
  }
  if (size > bytes.length)
    throw new FormatError(FORMAT, 4, `table size ${size} exceeds the ${bytes.length} bytes given`);
  const anomalies = new AnomalyList();
  const ctx: Ctx = { bytes, view, limits, anomalies, bagItems: 0 };
  if (size < bytes.length)
    warn(ctx, 'trailing-bytes', `${bytes.length - size} bytes after the resource table`, size);
  const declaredPackageCount = view.getUint32(8, true);
  let strings: StringPool | undefined;
  const packages: ResPackage[] = [];
  walkChunks(ctx, headerSize, size, 'table', (t, o, h, s) => {
    if (t === CHUNK.STRING_POOL) {
      if (strings) {
        warn(ctx, 'extra-string-pool', 'more than one global string pool; the first is used', o);
        return;
      }
      strings = readStringPool(bytes, view, o, o + s, limits.maxStrings, anomalies, 'value');
      return;
    }
    if (t === CHUNK.PACKAGE) {
      if (packages.length >= limits.maxPackages)
        throw new LimitError(FORMAT, 'packages', packages.length + 1, limits.maxPackages);
      const pkg = readPackage(ctx, o, h, s);
      if (pkg) packages.push(pkg);
      return;
    }
    warn(ctx, 'unknown-chunk', `unknown chunk type 0x${t.toString(16)} in the table`, o);
  });
  if (!strings) {
    warn(ctx, 'missing-string-pool', 'the table has no global string pool', headerSize);
    strings = emptyStringPool();
  }
  if (declaredPackageCount !== packages.length) {
    warn(
      ctx,
      'package-count-mismatch',
      `header declares ${declaredPackageCount} packages, ${packages.length} were read`,
      8,
    );
  }
  const seen = new Set<number>();
  for (const p of packages) {
    if (seen.has(p.id))
      warn(ctx, 'duplicate-package', `package id 0x${p.id.toString(16)} appears twice`, p.offset);
    seen.add(p.id);
  }
  return { bytes, view, strings, packages, declaredPackageCount, anomalies: anomalies.toArray() };
}
