import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { renderHtml } from './render.js';
import { CSP, CSS, SCRIPT } from './assets.js';
import { HOSTILE, SYNTHETIC_CTX, syntheticReport } from '../testing/synthetic.js';
import { parseHtml } from '../testing/html-check.js';
import type { ParsedHtml } from '../testing/html-check.js';
import { buildReport } from '../build.js';
import { makeFinding } from '../../findings.js';
import type { Report } from '../types.js';

const report = syntheticReport();
const html = renderHtml(report);
const doc = parseHtml(html);

const URL_ATTRS = [
  'src',
  'href',
  'action',
  'formaction',
  'srcset',
  'poster',
  'data',
  'xlink:href',
  'background',
  'cite',
];

function assertSafe(d: ParsedHtml): void {
  const scripts = d.tags.filter((t) => t.name === 'script');
  assert.equal(scripts.length <= 1, true, 'at most our one script');
  for (const s of scripts) assert.equal(s.raw, SCRIPT);
  for (const t of d.tags) {
    assert.ok(
      !['iframe', 'object', 'embed', 'img', 'link', 'base', 'frame', 'audio', 'video'].includes(t.name),
      `<${t.name}>`,
    );
    for (const [name, value] of t.attrs) {
      assert.ok(!name.startsWith('on'), `event handler attribute ${name} on <${t.name}>`);
      if (URL_ATTRS.includes(name))
        assert.match(value, /^#[a-z0-9-]*$/, `${name}="${value}" must be a fragment link`);
      if (name === 'style') assert.doesNotMatch(value, /url\(|expression|@import/i);
    }
  }
}

test('the report parses as well-formed HTML (strict tokenizer) and is self-contained', () => {
  assertSafe(doc);
  assert.doesNotMatch(html, /\b(src|href|action)\s*=\s*"?\s*(https?:)?\/\//i, 'no external src/href');
  assert.doesNotMatch(CSS, /url\(|@import|@font-face/i, 'CSS fetches nothing');
  const styles = doc.tags.filter((t) => t.name === 'style');
  assert.equal(styles.length, 1);
  assert.equal(doc.tags.filter((t) => t.name === 'svg').length, 1);
});

test('the CSP forbids loading anything and allows exactly our script by hash', () => {
  const meta = doc.tags.find(
    (t) => t.name === 'meta' && t.attrs.get('http-equiv') === 'Content-Security-Policy',
  );
  assert.equal(meta?.attrs.get('content'), CSP);
  assert.match(CSP, /default-src 'none'/);
  const hash = createHash('sha256').update(SCRIPT).digest('base64');
  assert.ok(CSP.includes(`'sha256-${hash}'`));
});

test('hostile strings are escaped everywhere and still displayed verbatim', () => {
  assert.ok(!html.includes('<script>alert'), 'no raw script from the artifact');
  assert.ok(!html.includes('<img'), 'no raw img from the artifact');
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
  // displayed text equals the original (no double escaping): target name, message, reason, note, facts
  const count = doc.text.split(HOSTILE).length - 1;
  assert.ok(count >= 6, `hostile string shown verbatim ${count} times`);
  assert.ok(doc.text.includes(`String from the app: ${HOSTILE}`));
});

test('summary comes first: target, certificate, counts with an accessible chart, baseline table', () => {
  const summaryAt = html.indexOf('id="h-summary"');
  const findingsAt = html.indexOf('id="area-');
  assert.ok(
    summaryAt > 0 &&
      summaryAt < html.indexOf('id="h-baseline"') &&
      html.indexOf('id="h-baseline"') < findingsAt,
  );
  assert.ok(doc.text.includes('org.example.synthetic.wallet'));
  assert.ok(doc.text.includes('b'.repeat(64)), 'certificate sha256');
  assert.ok(doc.text.includes('RSA 2048-bit'));
  const svg = doc.tags.find((t) => t.name === 'svg');
  assert.equal(svg?.attrs.get('role'), 'img');
  assert.equal(svg?.attrs.get('aria-labelledby'), 'sevbar-title sevbar-desc');
  const c = report.summary.bySeverity;
  assert.ok(
    doc.text.includes(
      `${report.summary.total} open findings: ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info.`,
    ),
  );
  for (const label of ['Pass', 'Fail', 'Needs dynamic test', 'Not applicable'])
    assert.ok(doc.text.includes(label), label);
});

test('findings are grouped by MASVS area in MASVS order, each with badge, evidence, refs and remediation', () => {
  const areas = doc.tags
    .filter((t) => t.name === 'section' && t.attrs.get('class') === 'area')
    .map((t) => t.attrs.get('id'));
  assert.deepEqual(areas, ['area-crypto', 'area-network', 'area-platform', 'area-other']);
  const articles = doc.tags.filter((t) => t.name === 'article');
  assert.equal(articles.length, report.findings.length);
  for (const a of articles) assert.equal(a.attrs.has('hidden'), false, 'readable with JS off');
  assert.ok(doc.text.includes('CWE-319'));
  assert.ok(doc.text.includes('FIGI-APP-T3.1'));
  assert.ok(doc.text.includes('Use TLS everywhere'));
  assert.ok(doc.text.includes('Lorg/example/synthetic/Hash;'));
  assert.ok(doc.text.includes('https://example.invalid/x'), 'other refs shown as text');
  // the http transcript: two request/response pairs, in order
  const s1 = html.indexOf('<div class="ev-kind">Step 1</div>');
  const s2 = html.indexOf('<div class="ev-kind">Step 2</div>');
  assert.ok(s1 > 0 && s2 > s1);
  assert.equal(
    html
      .slice(s1, s2)
      .match(/<h5>(Request|Response)<\/h5>/g)
      ?.join(','),
    '<h5>Request</h5>,<h5>Response</h5>',
  );
  assert.ok(doc.text.includes('POST https://ussd.example.invalid/session?nonce=1'));
  assert.ok(doc.text.includes('HTTP 200'));
  assert.ok(doc.text.includes('0000  02 70 00 00 11 15'), 'packet hex dump');
  assert.ok(doc.text.includes('Suppressed'));
  assert.ok(doc.text.includes('Engine errors'));
});

test('the filter form is hidden until the script runs; renders without the script too', () => {
  const form = doc.tags.find((t) => t.name === 'form');
  assert.equal(form?.attrs.has('hidden'), true);
  const noJs = parseHtml(renderHtml(report, { script: false }));
  assert.equal(noJs.tags.filter((t) => t.name === 'script').length, 0);
  assertSafe(noJs);
});

test('an empty report renders and says so', () => {
  const r = buildReport({
    tool: { name: 'dfslab', version: '0.1.0' },
    target: { kind: 'ussd', name: 'Synthetic USSD', details: { serviceCode: '*123#' } },
    findings: [],
    rules: [],
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:00Z',
  });
  const d = parseHtml(renderHtml(r));
  assertSafe(d);
  assert.ok(d.text.includes('No findings.'));
  assert.ok(d.text.includes('No open findings.'));
  assert.ok(d.text.includes('*123#'));
});

test('property: arbitrary strings from the artifact never break the document (fixed seed)', () => {
  const str = fc.string({ unit: 'binary', maxLength: 60 });
  fc.assert(
    fc.property(str, str, str, str, (name, message, file, note) => {
      const f = makeFinding({
        checkId: 'TST-FUZ-001',
        rule: 'synthetic',
        title: name,
        messageId: 'm',
        message,
        severity: 'high',
        confidence: 'low',
        references: {
          masvs: ['MASVS-CODE-4'],
          cwe: [79],
          figi: [note],
          other: [{ name: note, url: message }],
        },
        evidence: [
          { kind: 'manifest', file, element: name, attribute: message, value: note },
          {
            kind: 'http',
            step: 1,
            request: { method: note, url: message, headers: { [name]: file } },
            response: { status: 200, body: note },
          },
          { kind: 'text', text: message },
        ],
        remediation: note,
      });
      const r: Report = { ...syntheticReport({ ...SYNTHETIC_CTX, hostileStrings: [name] }), findings: [f] };
      r.target = { ...r.target, name, fileName: file };
      const d = parseHtml(renderHtml(r));
      assertSafe(d);
      // C0 controls are shown as U+FFFD; everything else must round-trip exactly
      // eslint-disable-next-line no-control-regex
      const shown = message.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
      assert.ok(d.text.includes(shown));
    }),
    { seed: 20261125, numRuns: 150 },
  );
});

test('the strict checker itself rejects broken escaping (so the tests above can fail)', () => {
  const base = '<!doctype html><html><body><p>x</p></body></html>';
  assert.doesNotThrow(() => parseHtml(base));
  assert.throws(() => parseHtml(base.replace('x', 'a < b')), /raw '<'/);
  assert.throws(() => parseHtml(base.replace('x', 'a > b')), /raw '>'/);
  assert.throws(() => parseHtml(base.replace('x', 'AT&T')), /entity/);
  assert.throws(() => parseHtml(base.replace('<p>x', '<p title="a"b">x')), /bad attribute/);
  assert.throws(() => parseHtml(base.replace('<p>x</p>', '<p><b>x</p></b>')), /closes/);
  const injected = parseHtml(base.replace('x', '<img src="https://evil.invalid/x.png">'));
  assert.throws(() => assertSafe(injected));
  const handler = parseHtml(base.replace('<p>', '<p onclick="alert(1)">'));
  assert.throws(() => assertSafe(handler), /event handler/);
});

test('the filter script (run against a minimal fake DOM) hides by severity and empties groups', async () => {
  const { runInNewContext } = await import('node:vm');
  type El = {
    hidden: boolean;
    attrs: Map<string, string>;
    checked?: boolean;
    getAttribute(n: string): string | null;
  };
  const el = (attrs: Map<string, string>, extra: Partial<El> = {}): El => ({
    hidden: attrs.has('hidden'),
    attrs,
    getAttribute: (n) => attrs.get(n) ?? null,
    ...extra,
  });
  const articles: El[] = [];
  const groups: { el: El; members: El[] }[] = [];
  const boxes: El[] = [];
  let form: (El & { listener?: () => void }) | undefined;
  let supp: El | undefined;
  for (const t of doc.tags) {
    if (t.name === 'section' && t.attrs.get('class') === 'area')
      groups.push({ el: el(t.attrs), members: [] });
    if (t.name === 'article') {
      const a = el(t.attrs);
      articles.push(a);
      groups[groups.length - 1].members.push(a);
    }
    if (t.name === 'form') form = el(t.attrs);
    if (t.name === 'input' && t.attrs.has('data-sev'))
      boxes.push(el(t.attrs, { checked: t.attrs.has('checked') }));
    if (t.name === 'input' && t.attrs.get('id') === 'show-suppressed') supp = el(t.attrs, { checked: true });
  }
  assert.ok(form && supp && boxes.length === 5);
  const f = form;
  const formApi = Object.assign(f, {
    querySelectorAll: (s: string) => (s === 'input[data-sev]' ? boxes : []),
    addEventListener: (_t: string, fn: () => void) => (f.listener = fn),
  });
  for (const g of groups) {
    Object.assign(g.el, { querySelector: () => g.members.find((m) => !m.hidden) ?? null });
  }
  const document = {
    getElementById: (id: string) => (id === 'filters' ? formApi : id === 'show-suppressed' ? supp : null),
    querySelectorAll: (s: string) =>
      s === 'article.finding' ? articles : s === 'section.area' ? groups.map((g) => g.el) : [],
  };
  runInNewContext(SCRIPT, { document });
  assert.equal(f.hidden, false, 'the form is revealed');
  assert.ok(articles.every((a) => !a.hidden));
  const sev = (a: El) => a.getAttribute('data-severity');
  boxes.find((b) => b.getAttribute('data-sev') === 'low')!.checked = false;
  f.listener?.();
  assert.deepEqual(articles.filter((a) => a.hidden).map(sev), ['low', 'low']);
  assert.equal(groups.find((g) => g.el.getAttribute('id') === 'area-platform')?.el.hidden, true);
  assert.equal(groups.find((g) => g.el.getAttribute('id') === 'area-network')?.el.hidden, false);
  supp!.checked = false;
  f.listener?.();
  assert.ok(articles.filter((a) => a.getAttribute('data-suppressed') === 'true').every((a) => a.hidden));
});

test('severity colours keep WCAG AA contrast (4.5:1) with white badge text', async () => {
  const { SEVERITY_COLOR } = await import('./chart.js');
  const lum = (hex: string): number => {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const [r, g, b] = c.map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  for (const [sev, color] of Object.entries(SEVERITY_COLOR)) {
    const ratio = 1.05 / (lum(color) + 0.05);
    assert.ok(ratio >= 4.5, `${sev} ${color} contrast ${ratio.toFixed(2)}`);
    assert.ok(CSS.includes(`.sev-${sev}{background:${color}}`));
  }
});

test('missing protections (control-absent) follow the defects in their own section and rank last', () => {
  const mk = (checkId: string, severity: 'medium' | 'low', tags?: string[]) =>
    makeFinding({
      checkId,
      rule: checkId.toLowerCase(),
      title: `title ${checkId}`,
      messageId: 'm',
      message: `message ${checkId}`,
      severity,
      confidence: 'medium',
      references: { masvs: ['MASVS-RESILIENCE-1'], cwe: [919], figi: [] },
      evidence: [{ kind: 'text', text: checkId }],
      remediation: 'fix it',
      ...(tags ? { tags } : {}),
    });
  const r = buildReport({
    tool: { name: 'dfslab', version: '0.1.0' },
    target: { kind: 'android-apk', name: 'Gaps' },
    // the gap is worse than the defect, yet it is listed after it
    findings: [mk('TST-GAP-001', 'medium', ['control-absent']), mk('TST-DEF-001', 'low')],
    rules: [],
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:00Z',
  });
  const out = renderHtml(r);
  const d = parseHtml(out);
  assertSafe(d);
  const areas = d.tags
    .filter((t) => t.name === 'section' && t.attrs.get('class') === 'area')
    .map((t) => t.attrs.get('id'));
  assert.deepEqual(areas, ['area-resilience', 'area-gaps']);
  const gaps = out.slice(out.indexOf('id="area-gaps"'));
  assert.ok(gaps.includes('TST-GAP-001') && !gaps.includes('TST-DEF-001'));
  const top = out.slice(out.indexOf('id="h-summary"'), out.indexOf('id="area-resilience"'));
  assert.ok(top.indexOf('TST-DEF-001') < top.indexOf('TST-GAP-001'), 'defects first in the top list');
});
