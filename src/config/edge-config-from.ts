/** Compiles a ProxyConfig into the plain data the edge functions carry (see edge/edge-config.ts). */
import type { EdgeConfig } from '../edge/edge-config.ts';
import type { ProxyConfig } from './proxy-config.ts';

export function edgeConfigFrom(config: ProxyConfig): EdgeConfig {
  const exact: string[] = [];
  const wildcard: string[][] = [];
  for (const origin of config.allowedOrigins ?? []) {
    const star = origin.indexOf('://*.');
    if (star === -1) exact.push(origin);
    else wildcard.push([origin.slice(0, star + 3), origin.slice(star + 4)]);
  }
  return {
    prefix: config.pathPrefix,
    origins: { exact: config.allowedOrigins === null ? null : exact, wildcard },
    publicOnly: config.endpoints === 'public',
    maskIp: config.clientIp === 'mask',
    trustedProxies: config.trustedProxies,
  };
}
