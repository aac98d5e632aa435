/**
 * A small, strict HTML tokenizer for tests of our own generated HTML (no parser dependency).
 * It accepts only what renderHtml is meant to produce: explicit end tags for every non-void
 * element, quoted attribute values, raw text only inside <script>/<style>. Anything else is an
 * error, so a broken escape (a stray '<' or '"') shows up as a parse failure.
 */
const VOID = new Set([
  'meta',
  'link',
  'br',
  'hr',
  'img',
  'input',
  'source',
  'wbr',
  'col',
  'area',
  'base',
  'embed',
  'track',
]);
const RAW = new Set(['script', 'style']);
// SVG children we emit with the self-closing syntax.
const SELF_CLOSING_OK = new Set(['rect', 'path', 'circle', 'line']);

export type Tag = { name: string; attrs: Map<string, string>; raw?: string };
export type ParsedHtml = { tags: Tag[]; text: string };

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENT[e]);
}

export function parseHtml(html: string): ParsedHtml {
  const tags: Tag[] = [];
  const stack: string[] = [];
  const text: string[] = [];
  let i = 0;
  const fail = (m: string): never => {
    throw new Error(`${m} at ${i}: ${JSON.stringify(html.slice(Math.max(0, i - 60), i + 60))}`);
  };
  if (!html.startsWith('<!doctype html>')) fail('missing doctype');
  i = '<!doctype html>'.length;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const chunk = lt < 0 ? html.slice(i) : html.slice(i, lt);
    if (/&(?!(amp|lt|gt|quot|#39);)/.test(chunk)) fail('unescaped or unknown entity');
    if (chunk.includes('>')) fail("raw '>' in text");
    text.push(decodeEntities(chunk));
    if (lt < 0) break;
    i = lt;
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(i, i + 64));
    if (!m) fail("raw '<' in text");
    const [, close, rawName] = m as RegExpExecArray;
    const name = rawName.toLowerCase();
    i += m![0].length;
    const attrs = new Map<string, string>();
    let selfClosing = false;
    while (true) {
      while (/\s/.test(html[i] ?? '')) i++;
      if (html[i] === '>') {
        i++;
        break;
      }
      if (html.startsWith('/>', i)) {
        selfClosing = true;
        i += 2;
        break;
      }
      const a = /^([a-zA-Z_:][a-zA-Z0-9_:.-]*)(="([^"<>]*)")?/.exec(html.slice(i, i + 100_000));
      if (!a || a[0].length === 0) fail(`bad attribute in <${name}>`);
      const an = a![1].toLowerCase();
      if (attrs.has(an)) fail(`duplicate attribute ${an}`);
      attrs.set(an, decodeEntities(a![3] ?? ''));
      i += a![0].length;
    }
    if (close) {
      if (attrs.size) fail('attributes on end tag');
      const top = stack.pop();
      if (top !== name) fail(`</${name}> closes <${top ?? 'nothing'}>`);
      continue;
    }
    const tag: Tag = { name, attrs };
    tags.push(tag);
    if (selfClosing) {
      if (!SELF_CLOSING_OK.has(name)) fail(`<${name}/> self-closing`);
      continue;
    }
    if (VOID.has(name)) continue;
    if (RAW.has(name)) {
      const end = html.indexOf(`</${name}>`, i);
      if (end < 0) fail(`unterminated <${name}>`);
      tag.raw = html.slice(i, end);
      i = end + name.length + 3;
      continue;
    }
    stack.push(name);
  }
  if (stack.length) fail(`unclosed: ${stack.join(' > ')}`);
  return { tags, text: text.join('') };
}
