import type { AxmlDocument, XmlAttribute, XmlElement } from './types.js';
import { resValueToString } from './values.js';

function escapeXml(s: string): string {
  return s
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
    .replace(
      // Characters XML 1.0 cannot carry: write them as visible escapes rather than drop them.
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
}

/**
 * Readable XML text for people and tests. Attributes show their typed value the way dfslab reads
 * it (references as `@0x7f...`), namespace prefixes come from the document's declarations.
 */
export function axmlToXml(doc: AxmlDocument): string {
  const prefixes = new Map<string, string>();
  for (const ns of doc.namespaces) if (!prefixes.has(ns.uri) && ns.prefix) prefixes.set(ns.uri, ns.prefix);
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  const qname = (name: string, ns: string | undefined): string => {
    if (!ns) return name;
    const p = prefixes.get(ns);
    return p ? `${p}:${name}` : `{${ns}}${name}`;
  };
  const attrText = (a: XmlAttribute): string =>
    ` ${qname(a.name, a.ns)}="${escapeXml(resValueToString(a.value))}"`;
  const write = (el: XmlElement, depth: number, isRoot: boolean): void => {
    const pad = '  '.repeat(depth);
    let open = `${pad}<${qname(el.name, el.ns)}`;
    if (isRoot) for (const [uri, p] of prefixes) open += ` xmlns:${p}="${escapeXml(uri)}"`;
    for (const a of el.attributes) open += attrText(a);
    if (el.children.length === 0 && el.text === undefined) {
      out.push(`${open} />\n`);
      return;
    }
    out.push(`${open}>`);
    if (el.text !== undefined) out.push(escapeXml(el.text));
    if (el.children.length > 0) {
      out.push('\n');
      for (const c of el.children) write(c, depth + 1, false);
      out.push(pad);
    }
    out.push(`</${qname(el.name, el.ns)}>\n`);
  };
  write(doc.root, 0, true);
  return out.join('');
}
