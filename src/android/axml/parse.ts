import { AnomalyList } from '../../core/anomaly.js';
import type { AnomalySeverity } from '../../core/anomaly.js';
import { FormatError, LimitError } from '../../core/errors.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import type { AxmlLimits } from '../../core/limits.js';
import { readStringPool, StringPool } from './string-pool.js';
import { ANDROID_NS } from './types.js';
import type { AxmlDocument, XmlAttribute, XmlElement, XmlNamespace } from './types.js';
import { decodeResValue, TYPE } from './values.js';
import { frameworkAttrName } from './attrs.js';

/** Chunk types (ResourceTypes.h). */
export const CHUNK = {
  STRING_POOL: 0x0001,
  XML: 0x0003,
  XML_FIRST: 0x0100,
  XML_START_NAMESPACE: 0x0100,
  XML_END_NAMESPACE: 0x0101,
  XML_START_ELEMENT: 0x0102,
  XML_END_ELEMENT: 0x0103,
  XML_CDATA: 0x0104,
  XML_LAST: 0x017f,
  XML_RESOURCE_MAP: 0x0180,
} as const;

const CHUNK_HEADER_SIZE = 8;
/** ResXMLTree_node: chunk header + lineNumber + comment. */
const NODE_HEADER_SIZE = 16;
const NODE_LINE = 8;
const NODE_COMMENT = 12;
/** ResXMLTree_attrExt field offsets (from the end of the node header). */
const EXT_NS = 0;
const EXT_NAME = 4;
const EXT_ATTR_START = 8;
const EXT_ATTR_SIZE = 10;
const EXT_ATTR_COUNT = 12;
const ATTR_EXT_SIZE = 20;
/** ResXMLTree_attribute field offsets. */
const ATTRIBUTE_SIZE = 20;
const ATTR_NS = 0;
const ATTR_NAME = 4;
const ATTR_RAW = 8;
const ATTR_TYPE = 15;
const ATTR_DATA = 16;
const NO_INDEX = 0xffffffff;

type State = {
  bytes: Uint8Array;
  view: DataView;
  limits: AxmlLimits;
  anomalies: AnomalyList;
  strings: StringPool;
  resourceIds: Uint32Array;
  namespaces: XmlNamespace[];
  openNamespaces: XmlNamespace[];
  stack: XmlElement[];
  root: XmlElement | undefined;
  rootClosed: boolean;
  nodes: number;
  /** Name pairs already reported, so a packer's thousand masked names give one anomaly each. */
  reported: Set<string>;
};

function note(
  s: State,
  code: string,
  message: string,
  offset?: number,
  severity: AnomalySeverity = 'warning',
): void {
  s.anomalies.add({ format: 'axml', code, severity, message, offset });
}

/**
 * Parses Android binary XML (a compiled AndroidManifest.xml or res/xml/*.xml) into a generic tree.
 * Lenient where Android is: unknown chunks are skipped, attribute names come from the resource-id
 * map, odd sizes are reported as anomalies. Throws FormatError / LimitError only.
 */
export function parseAxml(bytes: Uint8Array, limits: AxmlLimits = DEFAULT_LIMITS.axml): AxmlDocument {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const anomalies = new AnomalyList();
  if (bytes.length < CHUNK_HEADER_SIZE) throw new FormatError('axml', 0, 'file too small for a chunk header');
  const s: State = {
    bytes,
    view,
    limits,
    anomalies,
    strings: StringPool.empty(anomalies),
    resourceIds: new Uint32Array(0),
    namespaces: [],
    openNamespaces: [],
    stack: [],
    root: undefined,
    rootClosed: false,
    nodes: 0,
    reported: new Set(),
  };
  const type = view.getUint16(0, true);
  let headerSize = view.getUint16(2, true);
  let end = view.getUint32(4, true);
  if (type !== CHUNK.XML)
    note(s, 'unexpected-chunk-type', `first chunk type is 0x${type.toString(16)}, not RES_XML_TYPE`, 0);
  if (headerSize < CHUNK_HEADER_SIZE || headerSize > bytes.length) {
    note(s, 'bad-header-size', `XML header size ${headerSize} is invalid; assuming 8`, 2);
    headerSize = CHUNK_HEADER_SIZE;
  }
  if (end > bytes.length || end < headerSize) {
    note(s, 'bad-file-size', `XML chunk size ${end} does not match the ${bytes.length}-byte file`, 4);
    end = bytes.length;
  } else if (end < bytes.length) {
    note(s, 'trailing-data', `${bytes.length - end} bytes after the XML chunk`, end, 'info');
  }
  walkChunks(s, headerSize, end);
  if (!s.root) throw new FormatError('axml', headerSize, 'no start element');
  if (s.stack.length > 0) note(s, 'unclosed-element', `${s.stack.length} element(s) not closed`, end);
  return {
    root: s.root,
    namespaces: s.namespaces,
    resourceIds: s.resourceIds,
    utf8: s.strings.utf8,
    stringCount: s.strings.count,
    anomalies: anomalies.toArray(),
  };
}

function walkChunks(s: State, start: number, end: number): void {
  const { view } = s;
  let pos = start;
  let seenNode = false;
  let seenPool = false;
  while (pos + CHUNK_HEADER_SIZE <= end) {
    const type = view.getUint16(pos, true);
    const hs = view.getUint16(pos + 2, true);
    const size = view.getUint32(pos + 4, true);
    if (hs < CHUNK_HEADER_SIZE || size < hs || size > end - pos) {
      if (s.rootClosed) {
        note(s, 'trailing-garbage', `invalid chunk after the root element`, pos);
        return;
      }
      throw new FormatError(
        'axml',
        pos,
        `invalid chunk header (type 0x${type.toString(16)}, header ${hs}, size ${size})`,
      );
    }
    if ((hs | size) & 3) note(s, 'unaligned-chunk', `chunk at ${pos} has an unaligned size`, pos);
    if (++s.nodes > s.limits.maxNodes)
      throw new LimitError('axml', 'chunk count', s.nodes, s.limits.maxNodes);
    if (type >= CHUNK.XML_FIRST && type <= CHUNK.XML_LAST) {
      seenNode = true;
      readNode(s, type, pos, hs, size);
    } else if (type === CHUNK.STRING_POOL && !seenNode) {
      if (seenPool) note(s, 'duplicate-string-pool', 'a second string pool replaces the first', pos);
      seenPool = true;
      s.strings = readStringPool(s.bytes, view, pos, hs, size, s.limits.maxStrings, s.anomalies);
    } else if (type === CHUNK.XML_RESOURCE_MAP && !seenNode) {
      const n = Math.floor((size - hs) / 4);
      if (n > s.limits.maxStrings) throw new LimitError('axml', 'resource map size', n, s.limits.maxStrings);
      const ids = new Uint32Array(n);
      for (let i = 0; i < n; i++) ids[i] = view.getUint32(pos + hs + i * 4, true);
      s.resourceIds = ids;
    } else {
      note(s, 'unknown-chunk', `skipped chunk type 0x${type.toString(16)}`, pos, 'info');
    }
    if (size === 0) return;
    pos += size;
  }
  if (pos !== end) note(s, 'trailing-data', `${end - pos} bytes do not form a chunk`, pos, 'info');
}

function readNode(s: State, type: number, pos: number, hs: number, size: number): void {
  if (hs < NODE_HEADER_SIZE) throw new FormatError('axml', pos, `XML node header size ${hs} is below 16`);
  const ext = pos + hs;
  const extSize = size - hs;
  switch (type) {
    case CHUNK.XML_START_NAMESPACE:
    case CHUNK.XML_END_NAMESPACE: {
      if (extSize < 8) throw new FormatError('axml', pos, 'namespace node too small');
      if (type === CHUNK.XML_END_NAMESPACE) {
        const open = s.openNamespaces.pop();
        if (open) open.end = pos;
        else note(s, 'unbalanced-end-namespace', 'end of a namespace that was never started', pos);
        return;
      }
      const prefix = s.strings.get(s.view.getUint32(ext, true)) ?? '';
      const uri = s.strings.get(s.view.getUint32(ext + 4, true)) ?? '';
      const ns: XmlNamespace = { prefix, uri, offset: pos };
      s.namespaces.push(ns);
      s.openNamespaces.push(ns);
      return;
    }
    case CHUNK.XML_START_ELEMENT:
      startElement(s, pos, ext, extSize);
      return;
    case CHUNK.XML_END_ELEMENT:
      if (extSize < 8) throw new FormatError('axml', pos, 'end-element node too small');
      if (s.stack.length === 0) {
        note(s, 'unbalanced-end-element', 'end element without a start element', pos);
        return;
      }
      s.stack.pop();
      if (s.stack.length === 0) s.rootClosed = true;
      return;
    case CHUNK.XML_CDATA: {
      if (extSize < 12) throw new FormatError('axml', pos, 'CDATA node too small');
      const text = s.strings.get(s.view.getUint32(ext, true));
      const top = s.stack[s.stack.length - 1];
      if (top && text !== undefined) top.text = (top.text ?? '') + text;
      return;
    }
    default:
      note(s, 'unknown-xml-node', `skipped XML node type 0x${type.toString(16)}`, pos, 'info');
  }
}

function startElement(s: State, pos: number, ext: number, extSize: number): void {
  const { view, strings } = s;
  if (extSize < ATTR_EXT_SIZE) throw new FormatError('axml', pos, 'start-element node too small');
  const nsIdx = view.getUint32(ext + EXT_NS, true);
  const nameIdx = view.getUint32(ext + EXT_NAME, true);
  const attrStart = view.getUint16(ext + EXT_ATTR_START, true);
  const attrSize = view.getUint16(ext + EXT_ATTR_SIZE, true);
  const count = view.getUint16(ext + EXT_ATTR_COUNT, true);
  if (count > s.limits.maxAttributes)
    throw new LimitError('axml', 'attribute count', count, s.limits.maxAttributes);
  if (
    count > 0 &&
    (attrSize < ATTRIBUTE_SIZE || attrStart + (count - 1) * attrSize + ATTRIBUTE_SIZE > extSize)
  ) {
    throw new FormatError(
      'axml',
      pos,
      `attributes (${count} × ${attrSize} from ${attrStart}) do not fit the node`,
    );
  }
  let name = strings.get(nameIdx);
  if (name === undefined) {
    note(s, 'bad-element-name', `element name string #${nameIdx} is unreadable`, pos);
    name = '';
  }
  const el: XmlElement = {
    name,
    attributes: [],
    children: [],
    line: view.getUint32(pos + NODE_LINE, true),
    offset: pos,
  };
  if (nsIdx !== NO_INDEX) {
    const ns = strings.get(nsIdx);
    if (ns !== undefined) el.ns = ns;
  }
  const commentIdx = view.getUint32(pos + NODE_COMMENT, true);
  if (commentIdx !== NO_INDEX) {
    const comment = strings.get(commentIdx);
    if (comment !== undefined) el.comment = comment;
  }
  for (let i = 0; i < count; i++) el.attributes.push(readAttribute(s, ext + attrStart + i * attrSize));
  if (s.stack.length >= s.limits.maxDepth)
    throw new LimitError('axml', 'element depth', s.stack.length + 1, s.limits.maxDepth);
  const parent = s.stack[s.stack.length - 1];
  if (parent) parent.children.push(el);
  else if (!s.root) s.root = el;
  else note(s, 'extra-root-element', `a second top-level element <${name}> is ignored`, pos);
  s.stack.push(el);
}

function readAttribute(s: State, at: number): XmlAttribute {
  const { view, strings } = s;
  const nsIdx = view.getUint32(at + ATTR_NS, true);
  const nameIdx = view.getUint32(at + ATTR_NAME, true);
  const rawIdx = view.getUint32(at + ATTR_RAW, true);
  const dataType = s.bytes[at + ATTR_TYPE];
  const data = view.getUint32(at + ATTR_DATA, true);
  const poolName = strings.get(nameIdx);
  const attr: XmlAttribute = {
    name: poolName ?? '',
    value: decodeResValue(dataType, data, (i) => stringOrNote(s, i, at)),
    dataType,
    data,
    offset: at,
  };
  if (nsIdx !== NO_INDEX) {
    const ns = strings.get(nsIdx);
    if (ns !== undefined) attr.ns = ns;
  }
  if (nameIdx < s.resourceIds.length) {
    const id = s.resourceIds[nameIdx];
    if (id !== 0) {
      attr.resourceId = id;
      const fw = frameworkAttrName(id);
      if (fw !== undefined && fw !== poolName) {
        attr.name = fw;
        attr.poolName = poolName ?? '';
        if (once(s, `m:${id}:${attr.poolName}`)) {
          const msg = `attribute 0x${id.toString(16)} is named "${attr.poolName}" in the string pool; Android reads it as android:${fw} (first occurrence)`;
          note(s, 'masked-attribute-name', msg, at);
        }
      }
      if (id >>> 24 === 0x01 && attr.ns !== ANDROID_NS && once(s, `n:${id}:${attr.ns ?? ''}`)) {
        const msg = `framework attribute ${attr.name} has namespace "${attr.ns ?? ''}" (first occurrence)`;
        note(s, 'attribute-namespace-mismatch', msg, at);
      }
    }
  } else if (poolName === undefined) {
    note(s, 'bad-attribute-name', `attribute name string #${nameIdx} is unreadable`, at);
  }
  if (attr.resourceId === undefined && attr.ns === ANDROID_NS && once(s, `w:${attr.name}`)) {
    note(
      s,
      'android-attribute-without-id',
      `android:${attr.name} has no resource id; Android ignores it`,
      at,
    );
  }
  if (rawIdx !== NO_INDEX) {
    const raw = strings.get(rawIdx);
    if (raw !== undefined) attr.raw = raw;
  }
  if (
    dataType === TYPE.STRING &&
    attr.raw !== undefined &&
    attr.value.type === 'string' &&
    attr.value.value !== attr.raw
  ) {
    note(
      s,
      'raw-value-mismatch',
      `attribute ${attr.name}: typed string differs from the raw string (Android reads one or the other depending on the API)`,
      at,
    );
  }
  return attr;
}

function once(s: State, key: string): boolean {
  if (s.reported.has(key)) return false;
  s.reported.add(key);
  return true;
}

function stringOrNote(s: State, i: number, at: number): string | undefined {
  const v = s.strings.get(i);
  if (v === undefined) note(s, 'bad-string-index', `attribute value string #${i} is unreadable`, at);
  return v;
}
