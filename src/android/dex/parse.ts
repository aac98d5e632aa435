import { AnomalyList } from '../../core/anomaly.js';
import { FormatError, LimitError } from '../../core/errors.js';
import { DEFAULT_LIMITS, type DexLimits } from '../../core/limits.js';
import { readClassDefs } from './classdata.js';
import {
  CALL_SITE_ID_SIZE,
  CLASS_DEF_SIZE,
  CONTAINER_VERSION,
  DEX,
  FIELD_ID_SIZE,
  HEADER_SIZE,
  MAP_ITEM_SIZE,
  MAP_TYPE,
  MAP_TYPE_NAMES,
  METHOD_HANDLE_SIZE,
  METHOD_ID_SIZE,
  PROTO_ID_SIZE,
  STRING_ID_SIZE,
  TYPE_ID_SIZE,
} from './constants.js';
import { isDex, readHeader, verifyIntegrity } from './header.js';
import { readStringData } from './mutf8.js';
import type { DexFile, DexHeader, DexIds, DexMapItem, ParseDexOptions } from './types.js';

/** Largest map_list we accept (there are ~20 item types). */
const MAX_MAP_ITEMS = 1024;

/**
 * Parses a DEX file. Id tables are copied into typed arrays, class definitions and their
 * class_data are decoded eagerly, strings lazily (`dex.string(idx)`), instructions not at all
 * (see `decodeMethod` and `analyzeDex`). Throws FormatError/LimitError/UnsupportedError only.
 */
export function parseDex(
  bytes: Uint8Array,
  limits: DexLimits = DEFAULT_LIMITS.dex,
  opts: ParseDexOptions = {},
): DexFile {
  if (bytes.length > limits.maxSize) throw new LimitError(DEX, 'size', bytes.length, limits.maxSize);
  const anomalies = new AnomalyList();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = readHeader(bytes, view, 0, anomalies);
  verifyIntegrity(
    bytes,
    0,
    header,
    { checksum: opts.verifyChecksum ?? true, signature: opts.verifySignature ?? false },
    anomalies,
  );
  const containerDexCount =
    header.version >= CONTAINER_VERSION ? countContainer(bytes, view, header, anomalies) : 1;

  const map = readMap(bytes, view, header, anomalies);
  const ids = readIds(bytes, view, header, limits);
  const mapCount = (type: number): number => map.find((m) => m.type === type)?.size ?? 0;
  const callSiteIdsSize = checkedMapSection(
    bytes,
    map,
    MAP_TYPE.callSiteIdItem,
    CALL_SITE_ID_SIZE,
    anomalies,
  );
  const methodHandlesSize = checkedMapSection(
    bytes,
    map,
    MAP_TYPE.methodHandleItem,
    METHOD_HANDLE_SIZE,
    anomalies,
  );

  const strings: (string | undefined)[] = new Array<string | undefined>(ids.strings.length);
  const string = (idx: number): string => {
    if (!(idx >= 0 && idx < ids.strings.length))
      throw new FormatError(DEX, header.stringIdsOff, `string index ${idx} out of range`);
    const cached = strings[idx];
    if (cached !== undefined) return cached;
    const s = readStringData(bytes, ids.strings[idx]);
    strings[idx] = s;
    return s;
  };
  const type = (idx: number): string => {
    if (!(idx >= 0 && idx < ids.types.length))
      throw new FormatError(DEX, header.typeIdsOff, `type index ${idx} out of range`);
    return string(ids.types[idx]);
  };
  const protoParams = (idx: number): number[] => {
    if (!(idx >= 0 && idx < ids.protoParamsOff.length))
      throw new FormatError(DEX, header.protoIdsOff, `proto index ${idx} out of range`);
    return readTypeList(bytes, view, ids.protoParamsOff[idx], ids.types.length);
  };

  const { classDefs, members } = readClassDefs({ bytes, view, header, ids, limits, anomalies, readTypeList });
  for (const [type, size] of [
    [MAP_TYPE.stringIdItem, header.stringIdsSize],
    [MAP_TYPE.typeIdItem, header.typeIdsSize],
    [MAP_TYPE.methodIdItem, header.methodIdsSize],
    [MAP_TYPE.classDefItem, header.classDefsSize],
  ] as const) {
    if (map.length > 0 && size > 0 && mapCount(type) !== size) {
      anomalies.add({
        format: DEX,
        code: 'map-mismatch',
        severity: 'warning',
        message: `map_list says ${mapCount(type)} ${MAP_TYPE_NAMES[type]}, header says ${size}`,
      });
    }
  }
  return {
    bytes,
    header,
    map,
    ids,
    classDefs,
    members,
    get methods() {
      return members.methods();
    },
    method: (i: number) => members.method(i),
    callSiteIdsSize,
    methodHandlesSize,
    hiddenapiSize: mapCount(MAP_TYPE.hiddenapiClassDataItem),
    containerDexCount,
    anomalies: anomalies.toArray(),
    string,
    type,
    protoParams,
  };
}

/** Reads a type_list (u32 size, u16 type indexes); 0 means empty. */
export function readTypeList(bytes: Uint8Array, view: DataView, off: number, typeCount: number): number[] {
  if (off === 0) return [];
  if (off + 4 > bytes.length || off % 4 !== 0)
    throw new FormatError(DEX, off, 'type_list offset out of range or unaligned');
  const n = view.getUint32(off, true);
  if (n > (bytes.length - off - 4) / 2)
    throw new FormatError(DEX, off, `type_list of ${n} entries does not fit`);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = view.getUint16(off + 4 + i * 2, true);
    if (t >= typeCount) throw new FormatError(DEX, off + 4 + i * 2, `type index ${t} out of range`);
    out[i] = t;
  }
  return out;
}

function section(
  bytes: Uint8Array,
  what: string,
  size: number,
  off: number,
  recSize: number,
  limits: DexLimits,
): void {
  if (size > limits.maxItems) throw new LimitError(DEX, what, size, limits.maxItems);
  if (size === 0) return;
  if (off < HEADER_SIZE || off + size * recSize > bytes.length) {
    throw new FormatError(DEX, off, `${what} (${size} x ${recSize} bytes at ${off}) lies outside the file`);
  }
}

function readIds(bytes: Uint8Array, view: DataView, h: DexHeader, limits: DexLimits): DexIds {
  section(bytes, 'string_ids', h.stringIdsSize, h.stringIdsOff, STRING_ID_SIZE, limits);
  section(bytes, 'type_ids', h.typeIdsSize, h.typeIdsOff, TYPE_ID_SIZE, limits);
  section(bytes, 'proto_ids', h.protoIdsSize, h.protoIdsOff, PROTO_ID_SIZE, limits);
  section(bytes, 'field_ids', h.fieldIdsSize, h.fieldIdsOff, FIELD_ID_SIZE, limits);
  section(bytes, 'method_ids', h.methodIdsSize, h.methodIdsOff, METHOD_ID_SIZE, limits);
  section(bytes, 'class_defs', h.classDefsSize, h.classDefsOff, CLASS_DEF_SIZE, limits);
  if (h.typeIdsSize > 0x10000)
    throw new FormatError(DEX, h.typeIdsOff, `${h.typeIdsSize} type ids exceed 65536`);
  if (h.protoIdsSize > 0x10000)
    throw new FormatError(DEX, h.protoIdsOff, `${h.protoIdsSize} proto ids exceed 65536`);

  const strings = new Uint32Array(h.stringIdsSize);
  for (let i = 0; i < strings.length; i++) strings[i] = view.getUint32(h.stringIdsOff + i * 4, true);
  const types = new Uint32Array(h.typeIdsSize);
  for (let i = 0; i < types.length; i++) {
    const s = view.getUint32(h.typeIdsOff + i * 4, true);
    if (s >= h.stringIdsSize)
      throw new FormatError(DEX, h.typeIdsOff + i * 4, `type ${i} names string ${s}, out of range`);
    types[i] = s;
  }
  const np = h.protoIdsSize;
  const protoShorty = new Uint32Array(np);
  const protoReturnType = new Uint32Array(np);
  const protoParamsOff = new Uint32Array(np);
  for (let i = 0; i < np; i++) {
    const o = h.protoIdsOff + i * PROTO_ID_SIZE;
    protoShorty[i] = view.getUint32(o, true);
    protoReturnType[i] = view.getUint32(o + 4, true);
    protoParamsOff[i] = view.getUint32(o + 8, true);
    if (protoShorty[i] >= h.stringIdsSize || protoReturnType[i] >= h.typeIdsSize)
      throw new FormatError(DEX, o, `proto ${i} has an index out of range`);
  }
  const nf = h.fieldIdsSize;
  const fieldClass = new Uint16Array(nf);
  const fieldType = new Uint16Array(nf);
  const fieldName = new Uint32Array(nf);
  for (let i = 0; i < nf; i++) {
    const o = h.fieldIdsOff + i * FIELD_ID_SIZE;
    fieldClass[i] = view.getUint16(o, true);
    fieldType[i] = view.getUint16(o + 2, true);
    fieldName[i] = view.getUint32(o + 4, true);
    if (fieldClass[i] >= h.typeIdsSize || fieldType[i] >= h.typeIdsSize || fieldName[i] >= h.stringIdsSize)
      throw new FormatError(DEX, o, `field ${i} has an index out of range`);
  }
  const nm = h.methodIdsSize;
  const methodClass = new Uint16Array(nm);
  const methodProto = new Uint16Array(nm);
  const methodName = new Uint32Array(nm);
  for (let i = 0; i < nm; i++) {
    const o = h.methodIdsOff + i * METHOD_ID_SIZE;
    methodClass[i] = view.getUint16(o, true);
    methodProto[i] = view.getUint16(o + 2, true);
    methodName[i] = view.getUint32(o + 4, true);
    if (
      methodClass[i] >= h.typeIdsSize ||
      methodProto[i] >= h.protoIdsSize ||
      methodName[i] >= h.stringIdsSize
    )
      throw new FormatError(DEX, o, `method ${i} has an index out of range`);
  }
  return {
    strings,
    types,
    protoShorty,
    protoReturnType,
    protoParamsOff,
    fieldClass,
    fieldType,
    fieldName,
    methodClass,
    methodProto,
    methodName,
  };
}

function readMap(bytes: Uint8Array, view: DataView, h: DexHeader, anomalies: AnomalyList): DexMapItem[] {
  const off = h.mapOff;
  if (off === 0 || off + 4 > bytes.length || off % 4 !== 0) {
    anomalies.add({
      format: DEX,
      code: 'bad-map',
      severity: 'warning',
      message: `map_off ${off} is missing, unaligned or outside the file`,
      offset: off,
    });
    return [];
  }
  const n = view.getUint32(off, true);
  if (n > MAX_MAP_ITEMS || off + 4 + n * MAP_ITEM_SIZE > bytes.length) {
    anomalies.add({
      format: DEX,
      code: 'bad-map',
      severity: 'warning',
      message: `map_list of ${n} items does not fit`,
      offset: off,
    });
    return [];
  }
  const out: DexMapItem[] = [];
  for (let i = 0; i < n; i++) {
    const o = off + 4 + i * MAP_ITEM_SIZE;
    const type = view.getUint16(o, true);
    out.push({
      type,
      name: MAP_TYPE_NAMES[type] ?? `unknown-0x${type.toString(16)}`,
      size: view.getUint32(o + 4, true),
      offset: view.getUint32(o + 8, true),
    });
  }
  return out;
}

/** The item count of a map section whose records must fit in the file (0 and an anomaly when not). */
function checkedMapSection(
  bytes: Uint8Array,
  map: DexMapItem[],
  type: number,
  recSize: number,
  anomalies: AnomalyList,
): number {
  const item = map.find((m) => m.type === type);
  if (!item) return 0;
  if (item.offset + item.size * recSize > bytes.length) {
    anomalies.add({
      format: DEX,
      code: 'bad-map',
      severity: 'warning',
      message: `${item.name} section lies outside the file`,
      offset: item.offset,
    });
    return 0;
  }
  return item.size;
}

/** Walks the headers of a v41 container (each DEX follows the previous one). */
function countContainer(bytes: Uint8Array, view: DataView, first: DexHeader, anomalies: AnomalyList): number {
  let count = 1;
  let base = first.fileSize;
  const end = Math.min(bytes.length, first.containerSize || bytes.length);
  while (base + HEADER_SIZE <= end && isDex(bytes.subarray(base))) {
    const size = view.getUint32(base + 0x20, true);
    count++;
    if (size < HEADER_SIZE) break;
    base += size;
  }
  if (count > 1) {
    anomalies.add({
      format: DEX,
      code: 'dex-container',
      severity: 'info',
      message: `v41 container holds ${count} DEX files; only the first is parsed`,
    });
  }
  return count;
}
