/**
 * `posthog-cloudfront dev`: builds the functions for a configuration and runs them in the local edge, in
 * front of the embedded mock PostHog (or the real hosts), with the demo site beside it. Ctrl-C stops all.
 */
import { resolve } from 'node:path';
import { buildFunctions } from '../../build/build-functions.ts';
import { edgeConfigFrom } from '../../config/edge-config-from.ts';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load-config.ts';
import type { ProxyConfig } from '../../config/proxy-config.ts';
import { isOriginAllowed } from '../../edge/origin-match.ts';
import { startLocalStack } from '../../node-http/start-local-stack.ts';
import { DEV_TOKENS } from '../../mock-posthog/mock-posthog.ts';
import { ListenError } from '../../local-edge/local-edge-errors.ts';
import { firstFreePort } from '../../node-http/free-port.ts';
import { parseConnectTo, type UpstreamMap } from '../../local-edge/upstream-map.ts';
import { parseOptions, UsageError, type Command } from '../command.ts';

export const DEV_USAGE = `Usage: posthog-cloudfront dev [--config FILE] [--port N] [--demo-port N] [--upstream mock|posthog] [--connect-to HOST=ADDR:PORT]... [--out DIR]

  --config FILE     configuration (default ${DEFAULT_CONFIG_FILE})
  --out DIR         where the functions are built, then run from (default dist/dev)
  --port N          local edge port (default $PORT, else 8080; 0 picks a free one)
  --demo-port N     demo site port (default: edge port + 1)
  --upstream U      mock (default): the embedded PostHog; posthog: the real PostHog hosts over HTTPS (needs network)
  --connect-to H=A:P  send traffic for origin host H to plain HTTP at A:P, keeping Host: H (repeatable)`;

function port(text: string | undefined, what: string, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`${what} ${JSON.stringify(text)} is not a port number (0-65535)`);
  return Number(text);
}

/** A warning when the configuration's allowedOrigins would refuse the demo site, as CloudFront would. */
export function demoOriginWarning(config: ProxyConfig, demoUrl: string | null): string | null {
  if (demoUrl === null) return null;
  const origin = new URL(demoUrl).origin;
  if (isOriginAllowed(edgeConfigFrom(config).origins, origin)) return null;
  return (
    `  warning    the demo site's origin ${origin} is not in allowedOrigins, so the edge refuses the demo's requests ` +
    `with 403, as the deployed proxy would; to try the demo, run a copy of the configuration with "${origin}" added`
  );
}

/**
 * With `domain`, which local URL stands for the real one: the local edge cannot answer for the real name
 * (no DNS, no certificate), but it runs the same functions, so everything else behaves as deployed.
 */
export function domainStandIn(config: ProxyConfig, localApiHost: string): string | null {
  if (config.domain === null) return null;
  return `  domain     https://${config.domain.names[0]}${config.pathPrefix} (the deployed proxy URL) is ${localApiHost} here; the local edge cannot serve the real name or its certificate`;
}

const LOCAL_HOST = '127.0.0.1';

/** The upstream host(s): a self-hosted PostHog serves both roles from one host, named once. */
export function hostsOf(config: Pick<ProxyConfig, 'apiHost' | 'assetsHost'>): string {
  return config.apiHost === config.assetsHost ? config.apiHost : `${config.apiHost} + ${config.assetsHost}`;
}

/**
 * Where each origin host goes, as dev prints it: only the mock hosts still in use (a --connect-to entry
 * replaces the mock for its host), the --connect-to targets, or the real hosts.
 */
export function upstreamLines(
  config: Pick<ProxyConfig, 'apiHost' | 'assetsHost'>,
  mock: { mainUrl: string; assetsUrl: string } | null,
  connectTo: UpstreamMap,
  upstream: string | undefined,
): string[] {
  const lines: string[] = [];
  const redirected = (host: string) => Object.keys(connectTo).some((h) => h.toLowerCase() === host.toLowerCase());
  for (const [host, target] of Object.entries(connectTo)) lines.push(`  connect    ${host} -> http://${target.address}:${target.port} (--connect-to)`);
  if (mock) {
    const selfHosted = config.apiHost === config.assetsHost;
    if (!redirected(config.apiHost)) lines.push(`  mock       ${mock.mainUrl}/__mock/ (${selfHosted ? 'the self-hosted PostHog' : 'main host'})`);
    if (!selfHosted && !redirected(config.assetsHost)) lines.push(`  mock       ${mock.assetsUrl} (assets host)`);
  } else if (upstream === 'posthog') {
    const real = [config.apiHost, ...(config.assetsHost === config.apiHost ? [] : [config.assetsHost])].filter((h) => !redirected(h));
    if (real.length > 0) lines.push(`  upstream   ${real.join(' and ')} over HTTPS (the real PostHog)`);
  }
  return lines;
}

/**
 * The configuration dev builds: with allowedOrigins set and the demo's origin not on it, the demo origin is
 * added (and named in `allowed`), so the demo page works; `build` and deploys never do this.
 */
export function withDemoOrigin(config: ProxyConfig, demoOrigin: string): { config: ProxyConfig; allowed: string | null } {
  if (config.allowedOrigins === null || isOriginAllowed(edgeConfigFrom(config).origins, demoOrigin)) return { config, allowed: null };
  return { config: { ...config, allowedOrigins: [...config.allowedOrigins, demoOrigin] }, allowed: demoOrigin };
}

export const command: Command = async (argv, deps) => {
  const { values } = parseOptions(argv, {
    config: { type: 'string', default: DEFAULT_CONFIG_FILE },
    port: { type: 'string' },
    'demo-port': { type: 'string' },
    upstream: { type: 'string', default: 'mock' },
    'connect-to': { type: 'string', multiple: true },
    out: { type: 'string', default: 'dist/dev' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    deps.out(DEV_USAGE);
    return 0;
  }
  if (values.upstream !== 'mock' && values.upstream !== 'posthog') throw new UsageError(`--upstream ${JSON.stringify(values.upstream)}: use mock or posthog`);
  const wantedEdge = port(values.port ?? deps.env.PORT, '--port', 8080);
  const connectTo: UpstreamMap = Object.fromEntries((values['connect-to'] ?? []).map(parseConnectTo));
  const loaded = loadConfig(values.config);

  // Busy ports: take the next free one, as vite does, and say so (instead of failing on --port).
  const notes: string[] = [];
  const edgePort = await firstFreePort(wantedEdge, LOCAL_HOST);
  if (edgePort === null) throw new ListenError(`ports ${wantedEdge}-${wantedEdge + 19} are all busy (--port); pass a free one, e.g. --port 0 for any`);
  if (wantedEdge !== 0 && edgePort !== wantedEdge) notes.push(`  note       port ${wantedEdge} is busy, so the edge took ${edgePort} (--port to choose)`);
  const wantedDemo = port(values['demo-port'], '--demo-port', edgePort === 0 || wantedEdge === 0 ? 0 : edgePort + 1);
  const demoPort = await firstFreePort(wantedDemo, LOCAL_HOST, [edgePort]);
  if (demoPort === null) throw new ListenError(`ports ${wantedDemo}-${wantedDemo + 19} are all busy (--demo-port); pass a free one`);
  if (wantedDemo !== 0 && demoPort !== wantedDemo) notes.push(`  note       port ${wantedDemo} is busy, so the demo site took ${demoPort} (--demo-port to choose)`);
  const { config, allowed } = withDemoOrigin(loaded, `http://${LOCAL_HOST}:${demoPort}`);
  if (allowed) notes.push(`  allowed    ${allowed} added to allowedOrigins for dev only, so the demo works (never in build or deploy)`);

  // The edge runs the very files a deploy would upload (plus the demo origin, when added above).
  const built = await buildFunctions(config, resolve(values.out!));
  const stack = await startLocalStack({ config, functionsDir: resolve(values.out!), edgePort, demoPort, upstream: values.upstream, connectTo, knownTokens: DEV_TOKENS });
  const lines = [
    `posthog-cloudfront-proxy local edge (${hostsOf(config)}, prefix "${config.pathPrefix}")`,
    `  functions  ${built.viewerRequest.file} (${built.viewerRequest.bytes} B), ${built.originResponse.file} (${built.originResponse.bytes} B)`,
    `  edge       ${stack.apiHost}   (behaves like the CloudFront distribution; counters at ${stack.edgeUrl}/__edge/counters)`,
    ...[domainStandIn(config, stack.apiHost)].filter((w): w is string => w !== null),
    `  demo site  ${stack.demoUrl}   (open it, click the buttons)`,
    ...notes,
    ...[demoOriginWarning(config, stack.demoUrl)].filter((w): w is string => w !== null),
    ...upstreamLines(config, stack.mock, connectTo, values.upstream),
    ...(stack.mock ? [`  tokens     the mock knows ${DEV_TOKENS.join(' and ')}; another token gets 404/401 as PostHog answers a wrong one`] : []),
    '',
    'Try:',
    `  curl -si ${stack.apiHost}/array/phc_test/config.js | grep -i -e cache-control -e x-cache   # max-age=300 from the assets route; again: Hit`,
    `  curl -si -X POST ${stack.apiHost}/e/ -H 'content-type: application/json' -d '{"event":"curl_test","distinct_id":"me","properties":{}}'`,
    '',
    'Ctrl-C stops everything.',
  ];
  deps.out(lines.join('\n'));
  await deps.stopped();
  await stack.close();
  deps.out('stopped');
  return 0;
};
