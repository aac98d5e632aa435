/**
 * URL and host extraction from any text (DEX string, resource value, asset). One regex pass per
 * text, behind a cheap `://` pre-filter.
 */

export type FoundUrl = {
  /** The URL as written (trailing punctuation trimmed). */
  url: string;
  /** Lower-case scheme without ':' ('http', 'wss', …). */
  scheme: string;
  /** Lower-case host (no port, no credentials); '' when the URL has no host part. */
  host: string;
  port?: number;
  /** Character index in the scanned text. */
  index: number;
  /** `user:password@` credentials in the authority, when present. */
  userinfo?: { user: string; password: string };
};

/** Schemes whose URLs name a network endpoint. */
export const NETWORK_SCHEMES = [
  'http',
  'https',
  'ws',
  'wss',
  'ftp',
  'ftps',
  'sftp',
  'mqtt',
  'mqtts',
  'tcp',
  'ssl',
  'tls',
  'rtmp',
  'rtsp',
  'smtp',
  'smtps',
  'imap',
  'imaps',
  'ldap',
  'ldaps',
  'redis',
  'rediss',
  'mongodb',
  'postgres',
  'postgresql',
  'mysql',
  'amqp',
  'amqps',
  'sip',
];

const URL_RE = new RegExp(
  `\\b(${NETWORK_SCHEMES.slice()
    .sort((a, b) => b.length - a.length)
    .join('|')})://([^\\s"'<>\\\\^\`{|}]+)`,
  'gi',
);
/** Hosts: DNS names with a dot, IPv4, bracketed IPv6, or a single label (localhost). */
const HOST_RE =
  /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?)(?::(\d{1,5}))?$/;
const TRAILING = /[.,;:!?)\]}]+$/;
/** Longest URL kept (longer runs are cut). */
const MAX_URL = 2048;

/** Every URL with a network scheme in `text`, in order. */
export function extractUrls(text: string): FoundUrl[] {
  if (!text.includes('://')) return [];
  const out: FoundUrl[] = [];
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
    let rest = m[2].slice(0, MAX_URL);
    // Unbalanced closing brackets and sentence punctuation are not part of the URL.
    rest = rest.replace(TRAILING, '');
    const scheme = m[1].toLowerCase();
    const url = `${m[1]}://${rest}`;
    const authEnd = rest.search(/[/?#]/);
    const authority = authEnd < 0 ? rest : rest.slice(0, authEnd);
    const at = authority.lastIndexOf('@');
    const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
    const hm = HOST_RE.exec(hostPort);
    if (!hm) continue; // 'http://%s/x', 'http://" + host': no literal host
    const found: FoundUrl = { url, scheme, host: hm[1].toLowerCase().replace(/\.$/, ''), index: m.index };
    if (hm[2]) {
      const port = Number(hm[2]);
      if (port > 0 && port < 65536) found.port = port;
    }
    if (at >= 0) {
      const info = authority.slice(0, at);
      const colon = info.indexOf(':');
      if (colon > 0) found.userinfo = { user: info.slice(0, colon), password: info.slice(colon + 1) };
    }
    out.push(found);
  }
  return out;
}

/** XML namespace and schema identifiers: URLs that are names, never fetched. */
const NAMESPACE_HOSTS = new Set([
  'schemas.android.com',
  'www.w3.org',
  'w3.org',
  'ns.adobe.com',
  'xmlpull.org',
  'xml.org',
  'www.xml.org',
  'xml.apache.org',
  'purl.org',
  'schemas.xmlsoap.org',
  'schemas.microsoft.com',
  'schemas.openxmlformats.org',
  'java.sun.com',
  'xmlns.com',
  'www.apache.org',
  'apache.org',
  'json-schema.org',
  'ns.google.com',
  'schema.org',
  'www.slf4j.org',
  'iptc.org',
]);

/** True for URLs that identify a namespace/schema (xmlns, RDF, XMP…) rather than an endpoint. */
export function isNamespaceUrl(u: FoundUrl): boolean {
  if (NAMESPACE_HOSTS.has(u.host)) return true;
  return /^https?:\/\/[^/]+\/(ns|xmlns|schemas?|dtd)\b/i.test(u.url) || /\.(dtd|xsd)$/i.test(u.url);
}

/** Loopback and emulator-host addresses: development endpoints, unreachable from other devices. */
export function isLocalHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\./.test(host) ||
    host === '10.0.2.2' || // the Android emulator's alias for the development machine
    host === '10.0.3.2' || // Genymotion's
    host === '0.0.0.0' ||
    host === '[::1]'
  );
}

/** RFC 2606 documentation domains (example.com/.org/.net) and .invalid: never a real endpoint. */
export function isExampleHost(host: string): boolean {
  return /(^|\.)(example\.(com|org|net)|invalid)$/.test(host);
}

/** Private (RFC 1918) IPv4 addresses: LAN endpoints. */
export function isPrivateIp(host: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host);
}

/** TLDs accepted for bare host names (no scheme): common generic ones and African/other ccTLDs. */
const HOST_TLDS = new Set(
  (
    'com net org io co info biz app dev cloud me tv us uk de fr nl be ch es it pt se no dk fi pl ie at ' +
    'ke ng gh tz ug za rw zm mw mz et sn ci cm bj bf ml ne tg cd cg ga ao na bw zw ls sz mg mu sc sd ss eg ma dz tn ly ' +
    'in pk bd lk np id ph my sg th vn cn jp kr hk tw au nz br mx ar cl pe co ru ua tr ir iq sa ae qa kw om bh jo lb il ' +
    'eu asia gov edu mobi xyz online site tech money bank pay finance africa global link live services systems network'
  ).split(' '),
);
/** First labels of reversed package names (and of bare second-level suffixes such as 'co.ke'). */
const REVERSED_FIRST = new Set('com org net io edu gov co de fr nl uk me info biz'.split(' '));
const BARE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,12})(?::(\d{1,5}))?$/;
const IPV4_HOST = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d{1,5}))?$/;

/**
 * `value` as a bare host name ('api.bank.co.ke', 'api.bank.co.ke:8443', '41.90.1.2'), or
 * undefined. Reversed package names ('io.flutter.app') and file names ('config.json') are not hosts.
 */
export function bareHost(value: string): FoundUrl | undefined {
  // Both shapes need a dot: most resource strings are ruled out without a regular expression.
  if (value.length < 4 || value.length > 253 || !value.includes('.')) return undefined;
  const ip = IPV4_HOST.exec(value);
  if (ip) {
    if (ip.slice(1, 5).some((o) => Number(o) > 255) || value.startsWith('0.')) return undefined;
    return withPort({ url: value, scheme: '', host: value.replace(/:\d+$/, ''), index: 0 }, ip[5]);
  }
  const m = BARE_HOST.exec(value);
  if (!m || !HOST_TLDS.has(m[1])) return undefined;
  const labels = value.replace(/:\d+$/, '').split('.');
  if (REVERSED_FIRST.has(labels[0])) return undefined; // com.example.app, co.ke alone
  return withPort({ url: value, scheme: '', host: value.replace(/:\d+$/, ''), index: 0 }, m[2]);
}

function withPort(u: FoundUrl, port: string | undefined): FoundUrl {
  const p = Number(port);
  if (port && p > 0 && p < 65536) u.port = p;
  return u;
}
