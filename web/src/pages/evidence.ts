import type { Evidence, ReportFinding } from '../api.js';
import { h } from '../dom.js';

function str(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** One evidence item as a short, labelled description. */
function evidenceItem(e: Evidence): HTMLElement {
  const rows: [string, string | undefined][] = [];
  switch (e.kind) {
    case 'manifest':
      rows.push(
        ['File', str(e.file)],
        ['Element', str(e.element)],
        ['Attribute', str(e.attribute)],
        ['Value', str(e.value)],
      );
      break;
    case 'dex':
      rows.push(
        ['File', str(e.file)],
        ['Class', str(e.class)],
        ['Method', str(e.method)],
        ['Offset', str(e.bytecodeOffset)],
        ['Instruction', str(e.instruction)],
      );
      break;
    case 'file':
      rows.push(
        ['File', str(e.file)],
        ['Offset', str(e.byteOffset)],
        ['Length', str(e.length)],
        ['Snippet', str(e.snippet)],
      );
      break;
    case 'text':
      rows.push(['Note', str(e.text)]);
      break;
    case 'packet':
      rows.push(['Field', str(e.field)], ['Bytes', str(e.hex)], ['Note', str(e.note)]);
      break;
    default:
      rows.push(['Data', JSON.stringify(e)]);
  }
  return h(
    'li',
    {},
    h('span', { class: 'ev-kind' }, e.kind),
    h(
      'dl',
      { class: 'ev' },
      rows
        .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
        .flatMap(([k, v]) => [h('dt', {}, k), h('dd', { class: 'mono' }, v)]),
    ),
  );
}

export function evidenceBlock(rf: ReportFinding | undefined): HTMLElement {
  if (!rf) return h('p', { class: 'muted' }, 'No details in the report for this finding.');
  const refs = [...rf.references.masvs, ...rf.references.cwe.map((c) => `CWE-${c}`), ...rf.references.figi];
  return h(
    'div',
    { class: 'details-body' },
    refs.length ? h('p', {}, h('strong', {}, 'References: '), refs.join(' · ')) : null,
    h('p', {}, h('strong', {}, 'Confidence: '), rf.confidence),
    rf.evidence.length
      ? [h('h4', {}, 'Evidence'), h('ul', { class: 'evidence' }, rf.evidence.slice(0, 20).map(evidenceItem))]
      : null,
    rf.evidence.length > 20
      ? h('p', { class: 'muted' }, `…and ${rf.evidence.length - 20} more in the report.`)
      : null,
    rf.remediation ? [h('h4', {}, 'Remediation'), h('p', {}, rf.remediation)] : null,
  );
}
