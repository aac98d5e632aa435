/** Start a USSD scan: the target, test accounts and budget; only allow-listed callback hosts. */
import { api, type UssdConfig, type UssdScanBody } from '../api.js';
import type { Ctx } from '../app.js';
import { announce, h } from '../dom.js';

const DIALECTS: [string, string][] = [
  ['africastalking', "Africa's Talking"],
  ['hubtel', 'Hubtel'],
  ['arkesel', 'Arkesel'],
  ['nalo', 'Nalo'],
  ['generic', 'Generic (GET)'],
];

type Field = { input: HTMLInputElement | HTMLSelectElement; el: HTMLElement };

function field(id: string, label: string, input: HTMLInputElement | HTMLSelectElement, help?: string): Field {
  input.id = id;
  input.name = id;
  const hint = help ? h('p', { class: 'muted small', id: `${id}-help` }, help) : null;
  if (hint) input.setAttribute('aria-describedby', `${id}-help`);
  return { input, el: h('div', { class: 'field' }, h('label', { for: id }, label), input, hint) };
}

const text = (attrs: Record<string, string | number | boolean>) => h('input', { type: 'text', ...attrs });
const num = (value: number, min: number, max: number) =>
  h('input', { type: 'number', value, min, max, step: 1, required: true });

/** "msisdn[:pin]" per line → accounts. */
function parseAccounts(textValue: string): { msisdn: string; pin?: string }[] {
  return textValue
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [msisdn, pin] = l.split(/[:\s,]+/);
      return pin ? { msisdn, pin } : { msisdn };
    });
}

/** 'Name: value' → { name: value }; '' → null; anything else → undefined (invalid). */
function parseHeader(line: string): Record<string, string> | null | undefined {
  const t = line.trim();
  if (!t) return null;
  const i = t.indexOf(':');
  if (i <= 0) return undefined;
  return { [t.slice(0, i).trim().toLowerCase()]: t.slice(i + 1).trim() };
}

function form(ctx: Ctx, cfg: UssdConfig): HTMLElement {
  const host = cfg.allowedHosts[0] ?? '127.0.0.1:8000';
  const url = field(
    'ussd-url',
    'Callback URL',
    text({ required: true, placeholder: `http://${host}/ussd/callback`, spellcheck: false }),
    `Allowed hosts: ${cfg.allowedHosts.join(', ') || 'none'}.`,
  );
  const dialect = field(
    'ussd-dialect',
    'Gateway dialect',
    h(
      'select',
      {},
      DIALECTS.map(([v, t]) => h('option', { value: v }, t)),
    ),
  );
  const code = field('ussd-code', 'Service code', text({ required: true, value: '*384*123#' }));
  const msisdn = field(
    'ussd-msisdn',
    'Caller (MSISDN)',
    text({ required: true, placeholder: '+254700000001' }),
  );
  const network = field('ussd-network', 'Network code', text({ value: '63902' }));
  const accounts = h('textarea', {
    id: 'ussd-accounts',
    name: 'ussd-accounts',
    rows: 3,
    spellcheck: false,
    placeholder: '+254700000001:4821\n+254700000002',
    'aria-describedby': 'ussd-accounts-help',
  });
  const maxRequests = field('ussd-max-requests', 'Requests at most', num(400, 1, cfg.limits.maxRequests));
  const delay = field('ussd-delay', 'Delay between requests (ms)', num(50, cfg.limits.minDelayMs, 5000));
  const maxSeconds = field('ussd-max-seconds', 'Time at most (s)', num(600, 5, cfg.limits.maxSeconds));
  const hopTimeout = field('ussd-hop', 'Hop limit (ms)', num(15_000, 200, cfg.limits.hopTimeoutMs));
  const credential = field(
    'ussd-header',
    'Gateway credential header (optional)',
    text({ spellcheck: false, autocomplete: 'off', placeholder: 'Authorization: Bearer …' }),
    'Sent on every hop as the gateway would (USSD-001 leaves it out). Its value is dropped once the scan has run.',
  );
  const testSystem = h('input', { type: 'checkbox', id: 'ussd-test-system', name: 'ussd-test-system' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Start the scan');
  const note = h('p', { class: 'error', role: 'alert' });
  const el = h(
    'form',
    { class: 'card', 'aria-labelledby': 'ussd-form-title' },
    h('h2', { id: 'ussd-form-title' }, 'Target'),
    url.el,
    h('div', { class: 'form-grid' }, dialect.el, code.el, msisdn.el, network.el),
    credential.el,
    h('label', { for: 'ussd-accounts' }, 'Test accounts'),
    accounts,
    h(
      'p',
      { class: 'muted small', id: 'ussd-accounts-help' },
      'One per line: number, then optionally ":" and its PIN. The line matching the caller gives the PIN; the next is the recipient. PINs are dropped once the scan has run.',
    ),
    h('h2', {}, 'Budget'),
    h('div', { class: 'form-grid' }, maxRequests.el, delay.el, maxSeconds.el, hopTimeout.el),
    h(
      'div',
      { class: 'check-row' },
      testSystem,
      h('label', { for: 'ussd-test-system' }, 'Test system: allow probes that move (test) money'),
    ),
    note,
    submit,
  );
  if (ctx.me.user.role === 'viewer') {
    submit.disabled = true;
    note.textContent = 'Viewers cannot start scans.';
  }
  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    note.textContent = '';
    const header = parseHeader(credential.input.value);
    if (header === undefined) {
      note.textContent = "The credential header must look like 'Name: value'.";
      return;
    }
    const body: UssdScanBody = {
      url: url.input.value.trim(),
      dialect: dialect.input.value,
      serviceCode: code.input.value.trim(),
      msisdn: msisdn.input.value.trim(),
      network: network.input.value.trim() || '63902',
      accounts: parseAccounts(accounts.value),
      testSystem: testSystem.checked,
      headers: header ?? {},
      hopTimeoutMs: Number(hopTimeout.input.value),
      budget: {
        maxRequests: Number(maxRequests.input.value),
        minDelayMs: Number(delay.input.value),
        maxSeconds: Number(maxSeconds.input.value),
      },
    };
    submit.disabled = true;
    api
      .startUssdScan(body)
      .then((r) => {
        announce('USSD scan queued');
        location.hash = `#/audits/${r.id}`;
      })
      .catch((e: unknown) => {
        note.textContent = `The scan was not started: ${e instanceof Error ? e.message : String(e)}`;
        submit.disabled = false;
      });
  });
  return el;
}

export async function ussdPage(ctx: Ctx): Promise<void> {
  const cfg = await api.ussdConfig();
  if (ctx.signal.aborted) return;
  ctx.main.append(
    h('p', {}, h('a', { href: '#/audits' }, '← All audits')),
    h('h1', {}, 'Scan a USSD menu'),
    h(
      'p',
      { class: 'muted' },
      'The lab plays the USSD gateway against the provider’s callback: it crawls the menu and runs the USSD test cases. Findings, triage and reports work as for app audits.',
    ),
  );
  if (!cfg.enabled) {
    ctx.main.append(
      h(
        'div',
        { class: 'card error-card', role: 'alert' },
        h('h2', {}, 'USSD scans are off on this lab'),
        h('p', {}, 'The operator has allow-listed no callback host (dfslab serve --ussd-allow HOST[:PORT]).'),
      ),
    );
    return;
  }
  ctx.main.append(form(ctx, cfg));
}
