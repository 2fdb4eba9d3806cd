/**
 * What certificate a proxy URL's host serves, read over one TLS handshake (Node only): its names, issuer,
 * validity, whether the chain is trusted and whether it covers the host. The handshake accepts any
 * certificate, so a wrong, expired or untrusted one is reported instead of ending the check.
 */
import { isIP, type LookupFunction } from 'node:net';
import { checkServerIdentity, connect, rootCertificates, type PeerCertificate } from 'node:tls';
import { describeFetchError, ProbeError } from './http-client.ts';

export interface ServedCertificate {
  /** DNS names (and IP addresses) of the subject alternative names; the subject CN when there are none. */
  names: string[];
  /** "CN (O)" of the issuer, e.g. "Amazon RSA 2048 M02 (Amazon)". */
  issuer: string;
  validFrom: Date;
  validTo: Date;
  /** Node's own host name matching (RFC 6125 rules, wildcards one label deep). */
  coversHost: boolean;
  /** The chain reaches a trusted root; else `trustError` says why (expiry is reported separately). */
  trusted: boolean;
  trustError: string | null;
}

/** Reads the certificate served for an https:// URL's host. */
export type CertificateInspector = (url: URL, signal: AbortSignal) => Promise<ServedCertificate>;

export interface InspectorOptions {
  /** Extra trusted CA certificates (PEM), besides Node's bundled roots (tests; NODE_EXTRA_CA_CERTS works too). */
  ca?: string[];
  /** Resolves host names instead of DNS (tests: a real name served from 127.0.0.1). */
  lookup?: LookupFunction;
}

function namesOf(cert: PeerCertificate): string[] {
  const san = (cert.subjectaltname ?? '')
    .split(', ')
    .map((entry) => /^(?:DNS|IP Address):(.+)$/.exec(entry)?.[1])
    .filter((n): n is string => n !== undefined);
  return san.length > 0 ? san : [cert.subject?.CN].filter((n): n is string => typeof n === 'string');
}

function issuerOf(cert: PeerCertificate): string {
  const cn = cert.issuer?.CN;
  const o = cert.issuer?.O;
  return [cn, o && o !== cn ? `(${o})` : undefined].filter(Boolean).join(' ') || 'unknown issuer';
}

export function tlsInspector(options: InspectorOptions = {}): CertificateInspector {
  return (url, signal) =>
    new Promise<ServedCertificate>((resolve, reject) => {
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const port = url.port === '' ? 443 : Number(url.port);
      const where = `TLS ${host}:${port}`;
      const socket = connect({
        host,
        port,
        ...(isIP(host) ? {} : { servername: host }),
        rejectUnauthorized: false,
        // `ca` replaces Node's roots, so they are passed along.
        ...(options.ca ? { ca: [...rootCertificates, ...options.ca] } : {}),
        ...(options.lookup ? { lookup: options.lookup } : {}),
      });
      const abort = () => socket.destroy(new Error('timeout'));
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
      socket.once('close', () => signal.removeEventListener('abort', abort));
      socket.once('secureConnect', () => {
        const cert = socket.getPeerCertificate();
        const authError = socket.authorizationError as (Error & { code?: string }) | string | null | undefined;
        socket.destroy();
        if (!cert || Object.keys(cert).length === 0) {
          reject(new ProbeError(`${where}: the server sent no certificate`));
          return;
        }
        const trustError = socket.authorized ? null : typeof authError === 'string' ? authError : (authError?.code ?? authError?.message ?? 'not trusted');
        resolve({
          names: namesOf(cert),
          issuer: issuerOf(cert),
          validFrom: new Date(cert.valid_from),
          validTo: new Date(cert.valid_to),
          coversHost: checkServerIdentity(host, cert) === undefined,
          trusted: socket.authorized,
          trustError,
        });
      });
      socket.once('error', (error) => {
        socket.destroy();
        reject(new ProbeError(`${where}: ${signal.aborted ? 'no answer before the timeout' : describeFetchError({ message: 'handshake failed', cause: error })}`, { cause: error }));
      });
    });
}
