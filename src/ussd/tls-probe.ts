/**
 * Which TLS versions an https callback accepts: one handshake per version (node:tls with
 * minVersion = maxVersion), nothing sent after it. TLS 1.0 and 1.1 need OpenSSL security level 0
 * on our side; when the local OpenSSL still refuses to offer a version the result says
 * 'could not probe', never 'refused'.
 */
import { connect, type SecureVersion } from 'node:tls';
import { isIP } from 'node:net';

export const TLS_VERSIONS: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
export const OLD_TLS_VERSIONS: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1'];

export type TlsProbeStatus = 'accepted' | 'refused' | 'could not probe';
export type TlsProbeResult = { version: SecureVersion; status: TlsProbeStatus; detail: string };

/** Errors raised by our own OpenSSL before the server had a say. */
const LOCAL_REFUSAL = /^ERR_SSL_NO_(PROTOCOLS|CIPHERS)_AVAILABLE$|^ERR_TLS_INVALID_PROTOCOL_VERSION$/;
const LOCAL_REFUSAL_TEXT = /no protocols available|no ciphers available|unsupported protocol version/i;
/** Network trouble: the handshake never took place. */
const UNREACHABLE = /^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT)$/;

/** Sorts a failed handshake into 'refused' (the server said no) or 'could not probe'. */
export function classifyTlsError(code: string | undefined, message: string): Omit<TlsProbeResult, 'version'> {
  const c = code ?? '';
  if (LOCAL_REFUSAL.test(c) || LOCAL_REFUSAL_TEXT.test(message))
    return { status: 'could not probe', detail: `the local OpenSSL would not offer it (${c || message})` };
  if (UNREACHABLE.test(c)) return { status: 'could not probe', detail: `no connection (${c})` };
  const alert = /alert ([a-z ]+)/i.exec(message)?.[1]?.trim();
  return {
    status: 'refused',
    detail: alert ? `server alert: ${alert}` : c || message.split('\n')[0] || 'refused',
  };
}

/** One handshake offering only `version` to host:port; resolves, never rejects. */
export function probeTlsVersion(
  host: string,
  port: number,
  version: SecureVersion,
  timeoutMs: number,
): Promise<TlsProbeResult> {
  const old = OLD_TLS_VERSIONS.includes(version);
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Omit<TlsProbeResult, 'version'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ version, ...r });
    };
    const sock = connect({
      host,
      port,
      ...(isIP(host) ? {} : { servername: host }),
      minVersion: version,
      maxVersion: version,
      // OpenSSL 3 refuses TLS < 1.2 above security level 0 (SHA-1 signatures, old suites).
      ...(old ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
      // Only the protocol is probed and nothing is sent; the scan's own requests verify the certificate.
      rejectUnauthorized: false,
    });
    const timer = setTimeout(
      () => done({ status: 'could not probe', detail: `no handshake within ${timeoutMs} ms` }),
      timeoutMs,
    );
    sock.once('secureConnect', () => {
      const got = sock.getProtocol();
      done(
        got === version
          ? { status: 'accepted', detail: `negotiated ${got}` }
          : { status: 'refused', detail: `negotiated ${got ?? 'nothing'} instead` },
      );
    });
    sock.once('error', (e: NodeJS.ErrnoException) => done(classifyTlsError(e.code, e.message)));
  });
}
