/**
 * Android binary XML (AXML): parseAxml() turns a compiled AndroidManifest.xml or res/xml file into
 * a generic element tree with typed values and byte offsets; axmlToXml() renders it as text.
 */
export { parseAxml, CHUNK } from './parse.js';
export { axmlToXml } from './to-xml.js';
export { ATTR, frameworkAttrName, POST_API29_ATTRS } from './attrs.js';
export type { FrameworkAttrName } from './attrs.js';
export { ANDROID_NS } from './types.js';
export type { AxmlDocument, XmlAttribute, XmlElement, XmlNamespace } from './types.js';
export { decodeResValue, refString, resValueToString, TYPE } from './values.js';
