/**
 * The lab-wide USSD allow-list: the only callback hosts a USSD scan may reach, set by the operator
 * (`dfslab serve --ussd-allow HOST[:PORT],…` or DFSLAB_USSD_ALLOW). Empty means USSD scans are
 * off. Hosts match literally after URL normalisation: a DNS name that resolves to an allowed
 * address is not allowed (list the name itself), and an allowed name is not re-resolved by us.
 */
import { InputError } from '../../core/errors.js';

export type UssdAllowEntry = {
  /** As `URL.hostname` writes it: lower case, IPv4 in dotted decimal, IPv6 in brackets. */
  host: string;
  /** undefined: any port of the host. */
  port?: number;
};

const ENTRY = /^(\[[0-9a-fA-F:.]+\]|[^\s:/?#@[\]]+)(?::([0-9]{1,5}))?$/;
const MAX_ENTRIES = 100;

function normaliseHost(host: string): string | undefined {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
}

/** `HOST[:PORT],…` (spaces allowed); throws InputError naming the bad entry. */
export function parseUssdAllowList(text: string | undefined): UssdAllowEntry[] {
  if (!text) return [];
  const out: UssdAllowEntry[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const m = ENTRY.exec(item);
    const host = m ? normaliseHost(m[1]) : undefined;
    if (!m || !host) throw new InputError(`bad USSD allow-list entry '${item}' (use HOST or HOST:PORT)`);
    const port = m[2] === undefined ? undefined : Number(m[2]);
    if (port !== undefined && (port < 1 || port > 65535))
      throw new InputError(`bad port in USSD allow-list entry '${item}'`);
    out.push(port === undefined ? { host } : { host, port });
  }
  if (out.length > MAX_ENTRIES) throw new InputError(`the USSD allow-list has over ${MAX_ENTRIES} entries`);
  return out;
}

export function formatUssdAllowEntry(e: UssdAllowEntry): string {
  return e.port === undefined ? e.host : `${e.host}:${e.port}`;
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/** May a scan send to `text`? Only http(s), no credentials in the URL, an allow-listed host and port. */
export function checkUssdUrl(allow: readonly UssdAllowEntry[], text: string): UrlVerdict {
  if (allow.length === 0)
    return {
      ok: false,
      reason:
        'USSD scans are disabled on this lab: the operator has allow-listed no callback host (dfslab serve --ussd-allow HOST[:PORT])',
    };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'url: not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: 'url: only http and https callback URLs' };
  if (url.username || url.password) return { ok: false, reason: 'url: no user name or password in the URL' };
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const hit = allow.some((e) => e.host === url.hostname && (e.port === undefined || e.port === port));
  if (!hit) return { ok: false, reason: `${url.hostname}:${port} is not on this lab's USSD allow-list` };
  return { ok: true, url };
}
