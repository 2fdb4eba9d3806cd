/**
 * Where the local edge sends traffic meant for an origin domain (us.i.posthog.com and friends): the
 * embedded mock by default, the real HTTPS host with `--upstream posthog`, or any local address with
 * `--connect-to HOST=ADDR:PORT` (curl's semantics: the Host header and everything else stay as they were).
 */
import { ConnectToError, UnknownOriginError } from './local-edge-errors.ts';

export interface UpstreamTarget {
  protocol: 'http' | 'https';
  /** Address to connect to (IP or host name). */
  address: string;
  port: number;
}

/** Origin domain name (lowercase) to the address the edge connects to. */
export type UpstreamMap = Record<string, UpstreamTarget>;

const CONNECT_TO = /^([A-Za-z0-9.-]+)=(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$/;

/** Parses one `--connect-to HOST=ADDR:PORT` value (plain HTTP to the local address). */
export function parseConnectTo(text: string): [string, UpstreamTarget] {
  const m = CONNECT_TO.exec(text);
  const port = m ? Number(m[3]) : 0;
  if (!m || port < 1 || port > 65535) {
    throw new ConnectToError(`--connect-to ${JSON.stringify(text)} is not HOST=ADDR:PORT; write e.g. --connect-to us.i.posthog.com=127.0.0.1:9000`);
  }
  return [m[1].toLowerCase(), { protocol: 'http', address: m[2].replace(/^\[|\]$/g, ''), port }];
}

/** The real PostHog hosts over HTTPS, for `--upstream posthog`. */
export function realHosts(domains: readonly string[]): UpstreamMap {
  const map: UpstreamMap = {};
  for (const d of domains) map[d.toLowerCase()] = { protocol: 'https', address: d.toLowerCase(), port: 443 };
  return map;
}

/** The target for an origin domain, or UnknownOriginError naming the fix. */
export function resolveUpstream(map: UpstreamMap, domain: string): UpstreamTarget {
  const target = map[domain.toLowerCase()];
  if (!target) {
    throw new UnknownOriginError(`no upstream address for origin ${domain}; pass --connect-to ${domain}=ADDR:PORT or --upstream posthog`);
  }
  return target;
}
