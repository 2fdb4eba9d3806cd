import { describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { demoOriginWarning, hostsOf, upstreamLines, withDemoOrigin } from '../../src/cli/commands/dev.ts';
import { firstFreePort, tryListen } from '../../src/node-http/free-port.ts';
import { validateConfig } from '../../src/config/validate-config.ts';

// `dev` says so when the configuration's allowedOrigins would refuse the demo site, instead of a demo that
// silently fails in the browser.
describe('demoOriginWarning', () => {
  it.each([
    ['any origin allowed', {}, 'http://127.0.0.1:8081', null],
    ['the demo origin listed', { allowedOrigins: ['http://127.0.0.1:8081'] }, 'http://127.0.0.1:8081', null],
    ['no demo site', { allowedOrigins: ['https://example.com'] }, null, null],
    ['only the site listed', { allowedOrigins: ['https://example.com'] }, 'http://127.0.0.1:8081', 'http://127.0.0.1:8081 is not in allowedOrigins'],
    ['another port listed', { allowedOrigins: ['http://127.0.0.1:9001'] }, 'http://127.0.0.1:8081', 'refuses the demo\'s requests with 403'],
  ])('%s', (_, raw, demoUrl, fragment) => {
    const warning = demoOriginWarning(validateConfig(raw), demoUrl);
    if (fragment === null) expect(warning).toBeNull();
    else expect(warning).toContain(fragment);
  });
});

describe('withDemoOrigin: dev allows its own demo origin, and says so', () => {
  it.each([
    ['any origin allowed: unchanged', {}, null],
    ['demo origin listed: unchanged', { allowedOrigins: ['http://127.0.0.1:8081'] }, null],
    ['only the site listed: the demo origin is added', { allowedOrigins: ['https://example.com'] }, 'http://127.0.0.1:8081'],
  ])('%s', (_, raw, added) => {
    const config = validateConfig(raw);
    const result = withDemoOrigin(config, 'http://127.0.0.1:8081');
    expect(result.allowed).toBe(added);
    expect(demoOriginWarning(result.config, 'http://127.0.0.1:8081')).toBeNull();
    if (added) expect(result.config.allowedOrigins).toEqual([...config.allowedOrigins!, added]);
    else expect(result.config).toBe(config);
  });
});

describe('firstFreePort: the next free port, as vite takes it', () => {
  it('skips a busy port and the ports to avoid', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const taken = (busy.address() as AddressInfo).port;
    try {
      const next = await firstFreePort(taken, '127.0.0.1', [taken + 1]);
      expect(next).not.toBe(taken);
      expect(next).not.toBe(taken + 1);
      expect(next).toBeGreaterThan(taken);
      expect(await tryListen(taken, '127.0.0.1')).toBeNull();
    } finally {
      busy.close();
    }
  });
});

describe('dev prints only the upstreams in use', () => {
  const cloud = { apiHost: 'us.i.posthog.com', assetsHost: 'us-assets.i.posthog.com' };
  const selfHosted = { apiHost: 'ph.example.com', assetsHost: 'ph.example.com' };
  const mock = { mainUrl: 'http://127.0.0.1:1001', assetsUrl: 'http://127.0.0.1:1002' };
  const to = (port: number) => ({ protocol: 'http' as const, address: '127.0.0.1', port });
  it.each([
    ['cloud, mock', cloud, mock, {}, 'mock', ['mock       http://127.0.0.1:1001/__mock/ (main host)', 'mock       http://127.0.0.1:1002 (assets host)']],
    ['cloud, --connect-to for both hosts: no mock URL', cloud, mock, { 'us.i.posthog.com': to(9001), 'us-assets.i.posthog.com': to(9002) }, 'mock', ['connect    us.i.posthog.com -> http://127.0.0.1:9001 (--connect-to)', 'connect    us-assets.i.posthog.com -> http://127.0.0.1:9002 (--connect-to)']],
    ['cloud, --connect-to for the main host only', cloud, mock, { 'us.i.posthog.com': to(9001) }, 'mock', ['connect    us.i.posthog.com -> http://127.0.0.1:9001 (--connect-to)', 'mock       http://127.0.0.1:1002 (assets host)']],
    ['self-hosted, mock: one host, named once', selfHosted, mock, {}, 'mock', ['mock       http://127.0.0.1:1001/__mock/ (the self-hosted PostHog)']],
    ['self-hosted, real upstream', selfHosted, null, {}, 'posthog', ['upstream   ph.example.com over HTTPS (the real PostHog)']],
  ] as const)('%s', (_, config, running, connectTo, upstream, expected) => {
    expect(upstreamLines(config, running, connectTo, upstream).map((l) => l.trim())).toEqual(expected);
  });

  it('names a self-hosted host once in the title', () => {
    expect(hostsOf(selfHosted)).toBe('ph.example.com');
    expect(hostsOf(cloud)).toBe('us.i.posthog.com + us-assets.i.posthog.com');
  });
});
