/** One HTML block per evidence kind. Every value from the artifact is escaped and clipped. */
import type { Evidence, HttpEvidence, HttpHeaders } from '../../findings.js';
import { clip, esc } from './escape.js';

/** Longest body/snippet/text shown inline (characters). */
const MAX_TEXT = 16_384;
/** Packet bytes shown per line in the hex dump. */
const HEX_BYTES_PER_LINE = 16;
const MAX_PACKET_HEX = 4096;

function row(label: string, value: string | number | undefined, code = true): string {
  if (value === undefined || value === '') return '';
  const v = code ? `<code>${esc(value)}</code>` : esc(value);
  return `<div class="kv"><dt>${esc(label)}</dt><dd>${v}</dd></div>`;
}

function pre(text: string, label: string): string {
  return `<pre class="code" aria-label="${esc(label)}" tabindex="0">${esc(clip(text, MAX_TEXT))}</pre>`;
}

function headers(h: HttpHeaders | undefined): string {
  if (!h) return '';
  return Object.entries(h)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function httpBlock(e: HttpEvidence): string {
  const req = [`${e.request.method} ${e.request.url}`, headers(e.request.headers)].filter(Boolean).join('\n');
  const reqBody = e.request.body === undefined ? '' : `\n\n${e.request.body}`;
  const parts = [
    `<div class="http-pair">`,
    `<div class="http-req"><h5>Request</h5>${pre(req + reqBody, 'HTTP request')}</div>`,
  ];
  if (e.response) {
    const head = [`HTTP ${e.response.status}`, headers(e.response.headers)].filter(Boolean).join('\n');
    const body = e.response.body === undefined ? '' : `\n\n${e.response.body}`;
    parts.push(`<div class="http-res"><h5>Response</h5>${pre(head + body, 'HTTP response')}</div>`);
  } else {
    parts.push(`<div class="http-res"><h5>Response</h5><p class="muted">No response recorded.</p></div>`);
  }
  parts.push('</div>');
  if (e.note) parts.push(`<p class="note">${esc(e.note)}</p>`);
  return parts.join('');
}

function hexDump(hex: string): string {
  const clean = hex.slice(0, MAX_PACKET_HEX * 2).toLowerCase();
  const lines: string[] = [];
  for (let i = 0; i < clean.length; i += HEX_BYTES_PER_LINE * 2) {
    const chunk = clean.slice(i, i + HEX_BYTES_PER_LINE * 2).match(/.{1,2}/g) ?? [];
    lines.push(`${(i / 2).toString(16).padStart(4, '0')}  ${chunk.join(' ')}`);
  }
  const more = hex.length > clean.length ? `\n… (${(hex.length - clean.length) / 2} more bytes)` : '';
  return lines.join('\n') + more;
}

function kindLabel(e: Evidence): string {
  switch (e.kind) {
    case 'manifest':
      return 'Manifest';
    case 'dex':
      return 'Bytecode';
    case 'file':
      return 'File';
    case 'http':
      return e.step === undefined ? 'HTTP exchange' : `Step ${e.step}`;
    case 'packet':
      return 'Packet';
    case 'text':
      return 'Note';
  }
}

function body(e: Evidence): string {
  switch (e.kind) {
    case 'manifest':
      return `<dl>${row('File', e.file)}${row('Element', e.element)}${row('Attribute', e.attribute)}${row('Value', e.value)}${row('Byte offset', e.byteOffset)}</dl>`;
    case 'dex':
      return `<dl>${row('File', e.file)}${row('Class', e.class)}${row('Method', e.method)}${row('Bytecode offset', e.bytecodeOffset === undefined ? undefined : `+${e.bytecodeOffset} (code units)`)}${row('Instruction', e.instruction)}</dl>`;
    case 'file':
      return `<dl>${row('File', e.file)}${row('Byte offset', e.byteOffset)}${row('Length', e.length)}</dl>${e.snippet === undefined ? '' : pre(e.snippet, 'Snippet')}`;
    case 'http':
      return httpBlock(e);
    case 'packet':
      return `<dl>${row('Field', e.field)}</dl>${pre(hexDump(e.hex), 'Packet bytes, hexadecimal')}${e.note ? `<p class="note">${esc(e.note)}</p>` : ''}`;
    case 'text':
      return `<p class="evtext">${esc(clip(e.text, MAX_TEXT))}</p>`;
  }
}

/** The evidence list of one finding, in the order the check reported it (a transcript: step order). */
export function evidenceList(evidence: readonly Evidence[]): string {
  if (!evidence.length) return '<p class="muted">No evidence recorded.</p>';
  const items = evidence.map(
    (e) => `<li class="ev ev-${e.kind}"><div class="ev-kind">${esc(kindLabel(e))}</div>${body(e)}</li>`,
  );
  return `<ol class="evidence">${items.join('')}</ol>`;
}
