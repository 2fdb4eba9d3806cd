/**
 * Browser-shaped viewer-request mixes for table 1: what a site's visitors send through the proxy, with the
 * weight an interpreter feels. Every event carries eight or more headers as Chromium sends them (client
 * hints, fetch metadata, referer, language), the site's own cookies (analytics, session, consent,
 * posthog-js's `ph_<token>_posthog`), and a quarter of them a viewer `X-Forwarded-For` (corporate proxies,
 * VPNs), which the function must drop or rewrite. Deterministic (a fixed seed), as JSON text, so the
 * worker parses a fresh event object for every call.
 */

export interface NamedMix {
  name: string;
  description: string;
  events: string[];
}

const TOKEN = 'phc_k7DemoToken9Qw3';
const SITES = ['https://www.example.com', 'https://shop.example.com', 'https://docs.example.org'];
const AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0',
];

/** A small deterministic generator (mulberry32): the same mixes on every run and every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'capture' | 'capture-v0' | 'recording' | 'flags' | 'config-js' | 'config' | 'sdk-script' | 'recorder' | 'preflight' | 'beacon';

const values = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { value: v }]));

function browserEvent(kind: Kind, rnd: () => number, i: number): string {
  const site = SITES[i % SITES.length];
  const agent = AGENTS[i % AGENTS.length];
  const post = kind === 'capture' || kind === 'capture-v0' || kind === 'recording' || kind === 'flags' || kind === 'beacon';
  const method = kind === 'preflight' ? 'OPTIONS' : post ? 'POST' : 'GET';
  const uri = {
    capture: '/e/', 'capture-v0': '/i/v0/e/', recording: '/s/', flags: '/flags/', beacon: '/e/',
    'config-js': `/array/${TOKEN}/config.js`, config: `/array/${TOKEN}/config`, 'sdk-script': '/static/array.js',
    recorder: '/static/recorder.js', preflight: '/e/',
  }[kind];
  const now = String(1764950400000 + i * 1537);
  const query: Record<string, string> =
    kind === 'flags' ? { v: '2', config: 'true' }
    : kind === 'sdk-script' || kind === 'recorder' ? { v: '1.449.2' }
    : kind === 'config-js' || kind === 'config' || kind === 'preflight' ? {}
    : { ip: '0', _: now, ver: '1.449.2', ...(kind === 'beacon' ? { beacon: '1' } : {}) };
  const headers: Record<string, string> = {
    host: 'd111111abcdef8.cloudfront.net',
    'user-agent': agent,
    accept: post ? '*/*' : kind === 'config-js' || kind.endsWith('script') || kind === 'recorder' ? '*/*' : 'application/json',
    'accept-language': 'en-GB,en-US;q=0.9,en;q=0.8,de;q=0.7',
    'accept-encoding': 'gzip, deflate, br, zstd',
    'sec-ch-ua': '"Chromium";v="142", "Google Chrome";v="142", "Not_A Brand";v="99"',
    'sec-ch-ua-mobile': '?0',
    'sec-ch-ua-platform': '"macOS"',
    'sec-fetch-site': 'same-site',
    'sec-fetch-mode': kind === 'beacon' ? 'no-cors' : 'cors',
    'sec-fetch-dest': kind.endsWith('script') || kind === 'recorder' ? 'script' : 'empty',
    referer: `${site}/pricing?utm_source=newsletter&utm_campaign=${i % 7}`,
  };
  // Scripts load with crossorigin="anonymous" and every fetch/XHR carries Origin; a few GETs do not.
  if (kind !== 'config-js' || rnd() < 0.5) headers.origin = site;
  if (post) {
    headers['content-type'] = kind === 'flags' ? 'application/json' : 'text/plain;charset=UTF-8';
    headers['content-length'] = String(300 + Math.floor(rnd() * 4000));
  }
  if (kind === 'preflight') {
    headers['access-control-request-method'] = 'POST';
    headers['access-control-request-headers'] = 'content-type';
  }
  if (rnd() < 0.25) headers['x-forwarded-for'] = rnd() < 0.5 ? '203.0.113.9' : '203.0.113.9, 10.0.0.7';
  const cookies: Record<string, string> = {
    _ga: `GA1.1.${1000000000 + i}.1764950400`,
    [`_ga_${(i * 7919).toString(36).toUpperCase()}`]: `GS2.1.s1764950400$o1$g1$t1764950460$j0$l0$h0`,
    session: `s%3A${(i * 104729).toString(16)}abcdef0123456789.sig`,
    consent: 'analytics=1&marketing=0',
    [`ph_${TOKEN}_posthog`]: '%7B%22distinct_id%22%3A%22019a5e2b-0000-7000-8000-000000000000%22%2C%22%24sesid%22%3A%5B1764950400000%5D%7D',
  };
  return JSON.stringify({
    version: '1.0',
    context: { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'EDFDVBD6EXAMPLE', eventType: 'viewer-request', requestId: `req-${i}-${now}` },
    viewer: { ip: `198.51.${100 + (i % 3)}.${(i * 37) % 250 + 1}` },
    request: { method, uri, querystring: values(query), headers: values(headers), cookies: values(cookies) },
  });
}

function mix(name: string, description: string, weights: Partial<Record<Kind, number>>, seed: number, size = 40): NamedMix {
  const rnd = random(seed);
  const kinds = Object.entries(weights).flatMap(([k, w]) => Array<Kind>(w!).fill(k as Kind));
  const events: string[] = [];
  for (let i = 0; i < size; i++) events.push(browserEvent(kinds[i % kinds.length], rnd, i));
  return { name, description, events };
}

/** The browser-shaped mixes: ingestion alone (the bulk of traffic), a page view's requests, and assets. */
export function browserMixes(): NamedMix[] {
  return [
    mix('browser: POST ingestion', 'event batches, beacons, recording snapshots and captures via /i/v0/e/', { capture: 5, beacon: 1, recording: 3, 'capture-v0': 1 }, 1),
    mix('browser: page view', 'what one page view sends: flags, remote config, events, a recording, a preflight, the SDK script', { capture: 4, recording: 2, flags: 2, 'config-js': 2, config: 1, 'sdk-script': 1, recorder: 1, preflight: 1 }, 2),
    mix('browser: assets and config', 'GETs of the SDK, recorder and remote config with their query strings', { 'config-js': 3, config: 1, 'sdk-script': 2, recorder: 2 }, 3),
  ];
}
