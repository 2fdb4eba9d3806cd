/**
 * The traffic the cost model replays, grounded in what posthog-js 1.449 requests through a proxy (seen in
 * headless Chromium, see docs/PLATFORM notes): per page view, the SDK script and remote config when the
 * browser cache is cold, flags, event batches, and for recorded sessions the recorder script and snapshot
 * batches. Deterministic: the same parameters give the same requests, byte for byte.
 *
 * The mix, per session of `pageViewsPerSession` page views:
 * - first page view (browser cache cold): GET /static/array.js, GET /array/<token>/config.js,
 *   one OPTIONS preflight (a JSON-body request; the gzip text/plain ones need none);
 * - every page view: POST /flags/?v=2&config=true, and `eventsPerPageView` analytics events ($pageview,
 *   autocapture clicks, $web_vitals, $pageleave) in `batchesPerPageView` gzip POST /e/ batches (the SDK
 *   flushes every 3 s; the last batch goes by sendBeacon on unload);
 * - later page views: array.js and config.js come from the browser cache (max-age 300 s, pages within it);
 * - in recorded sessions (`recordedShare`): GET /static/recorder.js?v=<version> on the first page view, and
 *   `snapshotBatchesPerPageView` gzip POST /s/ snapshot batches per page view (the first one larger: the
 *   full DOM snapshot).
 */
import { gzipSync } from 'node:zlib';

export interface TrafficMixOptions {
  sessions: number;
  pageViewsPerSession: number;
  eventsPerPageView: number;
  batchesPerPageView: number;
  /** Every n-th session is recorded (1 = all, 2 = half). */
  recordEverySession: number;
  snapshotBatchesPerPageView: number;
  /** Seconds of simulated time between consecutive page views at one edge location. */
  secondsBetweenPageViews: number;
  token: string;
  sdkVersion: string;
}

export const DEFAULT_MIX: TrafficMixOptions = {
  sessions: 60,
  pageViewsPerSession: 3,
  eventsPerPageView: 7,
  batchesPerPageView: 3,
  recordEverySession: 2,
  snapshotBatchesPerPageView: 5,
  // A small site: one page view a minute at a given edge location, so config.js and the scripts (cached
  // for 300 s) often miss the edge cache and wake the origin-response Lambda@Edge. The pessimistic side.
  secondsBetweenPageViews: 60,
  token: 'phc_bench0123456789abcdefABCDEF',
  sdkVersion: '1.449.2',
};

export interface ReplayRequest {
  method: 'GET' | 'POST' | 'OPTIONS';
  /** Path and query string as the SDK sends them. */
  target: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
  /** Analytics events carried (snapshots are not counted as events). */
  events: number;
}

export interface PageView {
  /** Simulated seconds since the start of the replay. */
  at: number;
  requests: ReplayRequest[];
}

const BROWSER = {
  'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  accept: '*/*',
  'accept-language': 'en-GB,en;q=0.9',
  'accept-encoding': 'gzip, deflate, br, zstd',
  origin: 'https://www.example.com',
  referer: 'https://www.example.com/pricing',
};

/** A deterministic stand-in for randomness: the same text for the same seed, not compressible to nothing. */
function pseudoId(seed: number, length: number): string {
  let x = seed * 2654435761 % 4294967296;
  let out = '';
  while (out.length < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += x.toString(36);
  }
  return out.slice(0, length);
}

function event(name: string, session: number, page: number, i: number, options: TrafficMixOptions): Record<string, unknown> {
  const url = `https://www.example.com/${['pricing', 'docs/getting-started', 'blog/edge-proxies'][page % 3]}`;
  return {
    uuid: `019a${pseudoId(session * 1000 + page * 100 + i, 28)}`,
    event: name,
    properties: {
      $os: 'Mac OS X', $os_version: '10.15.7', $browser: 'Chrome', $browser_version: 142, $device_type: 'Desktop',
      $current_url: url, $host: 'www.example.com', $pathname: new URL(url).pathname, $screen_height: 1117, $screen_width: 1728,
      $viewport_height: 959, $viewport_width: 1728, $lib: 'web', $lib_version: options.sdkVersion, $insert_id: pseudoId(i + page, 16),
      $time: 1763769600 + session * 600 + page * 60 + i, distinct_id: `019a${pseudoId(session, 28)}`, $device_id: `019a${pseudoId(session + 7, 28)}`,
      $session_id: `019a${pseudoId(session + 13, 28)}`, $window_id: `019a${pseudoId(session * 3 + page, 28)}`, $pageview_id: `019a${pseudoId(session * 7 + page, 28)}`,
      $referrer: '$direct', $referring_domain: '$direct', token: options.token, $is_identified: false, $process_person_profile: false,
      ...(name === '$autocapture' ? { $event_type: 'click', $elements_chain: `button.btn.btn-primary:text="Start"nth-child="2"nth-of-type="1";div.hero:nth-child="1";body;${pseudoId(i, 40)}` } : {}),
      ...(name === '$web_vitals' ? { $web_vitals_LCP_value: 1834.2, $web_vitals_CLS_value: 0.02, $web_vitals_INP_value: 96 } : {}),
    },
    timestamp: new Date(Date.UTC(2026, 10, 21, 12, 0, session * 10 + page)).toISOString(),
  };
}

const EVENT_NAMES = ['$pageview', '$autocapture', '$autocapture', '$web_vitals', '$autocapture', 'signup_clicked', '$pageleave'];

function gzipJson(value: unknown): Uint8Array {
  return new Uint8Array(gzipSync(JSON.stringify(value)));
}

function post(path: string, body: Uint8Array, events: number, options: TrafficMixOptions, extraQuery = ''): ReplayRequest {
  const query = `${extraQuery}ip=0&_=1763769600000&ver=${options.sdkVersion}`;
  return { method: 'POST', target: `${path}?${query}`, headers: { ...BROWSER, 'content-type': 'text/plain' }, body, events };
}

function snapshot(session: number, page: number, batch: number, options: TrafficMixOptions): ReplayRequest {
  // The first batch of a page carries the full DOM snapshot (tens of KB); later ones small incremental diffs.
  const nodes = batch === 0 ? 600 : 40;
  const data = Array.from({ length: nodes }, (_, n) => ({ type: 3, data: { source: n % 5, id: n, text: pseudoId(session + page + batch + n, 24), x: n % 1728, y: n % 959 } }));
  const body = gzipJson([{ event: '$snapshot', properties: { $snapshot_data: data, $session_id: `019a${pseudoId(session + 13, 28)}`, $window_id: `019a${pseudoId(session * 3 + page, 28)}`, distinct_id: `019a${pseudoId(session, 28)}`, token: options.token } }]);
  return post('/s/', body, 0, options);
}

export function trafficMix(options: TrafficMixOptions = DEFAULT_MIX): PageView[] {
  const views: PageView[] = [];
  for (let s = 0; s < options.sessions; s++) {
    const recorded = s % options.recordEverySession === 0;
    for (let p = 0; p < options.pageViewsPerSession; p++) {
      const requests: ReplayRequest[] = [];
      if (p === 0) {
        requests.push({ method: 'GET', target: '/static/array.js', headers: { ...BROWSER }, body: null, events: 0 });
        requests.push({ method: 'GET', target: `/array/${options.token}/config.js`, headers: { ...BROWSER }, body: null, events: 0 });
        requests.push({ method: 'OPTIONS', target: '/e/', headers: { ...BROWSER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }, body: null, events: 0 });
      }
      requests.push(post('/flags/', gzipJson({ token: options.token, distinct_id: `019a${pseudoId(s, 28)}`, groups: {} }), 0, options, 'v=2&config=true&'));
      if (recorded && p === 0) requests.push({ method: 'GET', target: `/static/recorder.js?v=${options.sdkVersion}`, headers: { ...BROWSER }, body: null, events: 0 });
      const names = Array.from({ length: options.eventsPerPageView }, (_, i) => EVENT_NAMES[i % EVENT_NAMES.length]);
      for (let b = 0; b < options.batchesPerPageView; b++) {
        const batch = names.filter((_, i) => i % options.batchesPerPageView === b).map((n, i) => event(n, s, p, b * 100 + i, options));
        if (batch.length > 0) requests.push(post('/e/', gzipJson(batch), batch.length, options));
      }
      if (recorded) for (let b = 0; b < options.snapshotBatchesPerPageView; b++) requests.push(snapshot(s, p, b, options));
      views.push({ at: views.length * options.secondsBetweenPageViews, requests });
    }
  }
  return views;
}

/** Totals of a mix, to check the edge and the mock saw what was sent. */
export function mixTotals(views: PageView[]): { pageViews: number; requests: number; events: number; bodyBytes: number } {
  let requests = 0;
  let events = 0;
  let bodyBytes = 0;
  for (const v of views) {
    for (const r of v.requests) {
      requests++;
      events += r.events;
      bodyBytes += r.body?.byteLength ?? 0;
    }
  }
  return { pageViews: views.length, requests, events, bodyBytes };
}
