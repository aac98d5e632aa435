/** The menu map drawn as a text tree (terminal) and as an SVG picture (HTML report). */
import type { MenuMap, MenuNode } from './crawler.js';

const MAX_LINE = 60;

/** Replaces C0 controls except newline (and DEL) using `repl`. */
export function mapControls(s: string, repl: (code: number) => string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += (c < 0x20 && c !== 0x0a) || c === 0x7f ? repl(c) : ch;
  }
  return out;
}

/** Control characters shown as \\xNN, so a hostile screen cannot drive the terminal. */
export function escapeControls(s: string): string {
  return mapControls(s, (c) => `\\x${c.toString(16).padStart(2, '0')}`);
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? '';
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

function describe(n: MenuNode): string {
  const what = n.kind === 'con' ? `CON ${n.prompt}` : n.kind.toUpperCase();
  const stop = n.stop ? `  [${n.stop}]` : '';
  return `${n.label} → ${what} "${firstLine(n.text)}"${stop}`;
}

/** The menu as an indented tree, one screen per line. Control characters are shown escaped. */
export function menuMapText(map: MenuMap): string {
  if (!map.root) return `${map.serviceCode} (no reply)`;
  const out: string[] = [describe(map.root)];
  const walk = (n: MenuNode, prefix: string): void => {
    n.children.forEach((c, i) => {
      const last = i === n.children.length - 1;
      out.push(`${prefix}${last ? '└─ ' : '├─ '}${describe(c)}`);
      walk(c, prefix + (last ? '   ' : '│  '));
    });
  };
  walk(map.root, '');
  if (map.truncated) out.push(`(crawl stopped: ${map.truncated})`);
  return escapeControls(out.join('\n'));
}

function xml(s: string): string {
  return mapControls(s, () => '').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const BOX_W = 220;
const BOX_H = 44;
const GAP_X = 60;
const GAP_Y = 14;

/**
 * The menu map as a standalone SVG (left-to-right tree). Every string is XML-escaped, so screen
 * text from a hostile app cannot inject markup into the report.
 */
export function menuMapSvg(map: MenuMap): string {
  const pos = new Map<number, { x: number; y: number }>();
  let row = 0;
  const place = (n: MenuNode): number => {
    const x = n.depth * (BOX_W + GAP_X) + 10;
    if (!n.children.length) {
      const y = row++ * (BOX_H + GAP_Y) + 10;
      pos.set(n.id, { x, y });
      return y;
    }
    const ys = n.children.map(place);
    const y = (ys[0] + ys[ys.length - 1]) / 2;
    pos.set(n.id, { x, y });
    return y;
  };
  if (map.root) place(map.root);
  const depth = Math.max(0, ...map.nodes.map((n) => n.depth));
  const width = (depth + 1) * (BOX_W + GAP_X) + 20;
  const height = Math.max(1, row) * (BOX_H + GAP_Y) + 20;
  const parts: string[] = [];
  for (const n of map.nodes) {
    const p = pos.get(n.id);
    if (!p) continue;
    for (const c of n.children) {
      const q = pos.get(c.id);
      if (!q) continue;
      parts.push(
        `<path d="M${p.x + BOX_W} ${p.y + BOX_H / 2} C${p.x + BOX_W + GAP_X / 2} ${p.y + BOX_H / 2} ${q.x - GAP_X / 2} ${q.y + BOX_H / 2} ${q.x} ${q.y + BOX_H / 2}" fill="none" stroke="#888"/>`,
      );
    }
  }
  for (const n of map.nodes) {
    const p = pos.get(n.id);
    if (!p) continue;
    const fill =
      n.kind === 'invalid' ? '#fdd' : n.kind === 'end' ? '#eee' : n.prompt === 'pin' ? '#ffe9b3' : '#e3f0ff';
    const title = xml(`${n.label}: ${n.text}`);
    parts.push(
      `<g><title>${title}</title><rect x="${p.x}" y="${p.y}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="${fill}" stroke="#456"/>` +
        `<text x="${p.x + 6}" y="${p.y + 16}" font-size="11" font-weight="bold">${xml(firstLine(n.label).slice(0, 34))}</text>` +
        `<text x="${p.x + 6}" y="${p.y + 33}" font-size="10">${xml(`${n.kind === 'con' ? n.prompt : n.kind.toUpperCase()}: ${firstLine(n.text)}`.slice(0, 40))}</text></g>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img" aria-label="USSD menu map of ${xml(map.serviceCode)}">${parts.join('')}</svg>`;
}
