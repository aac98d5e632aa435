import type { Anomaly } from '../../core/anomaly.js';
import type { ResValue } from '../resources.js';

/** The Android framework namespace. */
export const ANDROID_NS = 'http://schemas.android.com/apk/res/android';

/** One attribute of a start-element chunk. */
export type XmlAttribute = {
  /**
   * The attribute's name. For an attribute whose resource id (from the resource-id map) is a
   * known framework attribute, this is the framework name (what Android resolves it to), even
   * when the string pool says something else; `poolName` then keeps the string.
   */
  name: string;
  /** The string-pool name when it differs from `name` (masked or obfuscated attribute names). */
  poolName?: string;
  /** Namespace URI, if any. */
  ns?: string;
  /** Resource id of the attribute from the resource-id map (what Android matches on). */
  resourceId?: number;
  /** The raw string value, when the chunk has one (aapt prints it as `Raw:`). */
  raw?: string;
  /** The typed value. */
  value: ResValue;
  /** The Res_value dataType and data word as stored (for exact comparisons and unknown types). */
  dataType: number;
  data: number;
  /** Byte offset of this 20-byte attribute record in the AXML buffer. */
  offset: number;
};

export type XmlElement = {
  /** Local name (Android compares local names: `android:uses-permission` is `uses-permission`). */
  name: string;
  ns?: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Concatenated CDATA text directly inside this element, if any. */
  text?: string;
  /** The comment aapt kept for this element, if any. */
  comment?: string;
  /** Source line number recorded by aapt. */
  line: number;
  /** Byte offset of the start-element chunk. */
  offset: number;
};

export type XmlNamespace = {
  prefix: string;
  uri: string;
  /** Byte offset of the start-namespace chunk. */
  offset: number;
  /** Byte offset of the matching end-namespace chunk (innermost open one), if any. */
  end?: number;
};

export type AxmlDocument = {
  root: XmlElement;
  /** Namespace declarations in document order (start-namespace chunks). */
  namespaces: XmlNamespace[];
  /** The resource-id map (index = string index of an attribute name). */
  resourceIds: Uint32Array;
  /** True when the string pool is UTF-8. */
  utf8: boolean;
  stringCount: number;
  anomalies: Anomaly[];
};
