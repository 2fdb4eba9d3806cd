/**
 * The demo site: a page on its own origin that loads posthog-js through the local edge exactly as a real
 * site would (the standard snippet, `api_host` = the edge URL plus the path prefix, `ui_host`), buttons that
 * capture events, and a live view of what the mock PostHog received. A Web-standard handler.
 */
import type { Received } from '../mock-posthog/mock-posthog.ts';
import { escapeHtml } from '../mock-posthog/received-page.ts';
import { POSTHOG_SNIPPET } from './posthog-snippet.ts';

export const DEMO_TOKEN = 'phc_local_demo_token';

export interface DemoSiteOptions {
  /** The SDK's api_host: the edge URL plus the configuration's path prefix. */
  apiHost: string;
  /** The SDK's ui_host (the PostHog app, for the toolbar). */
  uiHost: string;
  token?: string;
  /** What the mock received; null when the edge forwards to real PostHog. */
  received: (() => Received) | null;
  reset: (() => void) | null;
  /** The edge's counters, shown beside the events. */
  counters: () => unknown;
}

function page(options: DemoSiteOptions, token: string): string {
  const init = { api_host: options.apiHost, ui_host: options.uiHost, opt_out_useragent_filter: true, person_profiles: 'identified_only', capture_pageview: true };
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>posthog-cloudfront-proxy demo</title>
<script>
${POSTHOG_SNIPPET}
posthog.init(${JSON.stringify(token)}, ${JSON.stringify(init)});
</script>
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:70rem}button{font-size:15px;margin-right:.5rem;padding:.4rem .8rem}
table{border-collapse:collapse;margin-top:1rem;width:100%;table-layout:fixed}th:nth-child(2){width:45%}td{overflow-wrap:anywhere}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
code{font-size:13px}.muted{color:#666}</style></head>
<body>
<h1>posthog-cloudfront-proxy demo site</h1>
<p>This page lives on <b id="page-origin"></b>. It loads posthog-js through the local edge at <code>${escapeHtml(options.apiHost)}</code>
(api_host) with ui_host <code>${escapeHtml(options.uiHost)}</code>. SDK: <b id="sdk-status">loading…</b> · flag <code>local-demo-flag</code>: <b id="flag">?</b></p>
<p><button id="capture-signup" data-event="demo_signup_clicked" data-plan="pro">Capture "demo_signup_clicked"</button>
<button id="capture-purchase" data-event="demo_purchase" data-plan="team">Capture "demo_purchase"</button>
${options.reset ? '<button id="reset" class="muted">Clear received</button>' : ''}</p>
<h2>What PostHog received <span class="muted" id="summary"></span></h2>
<p class="muted">posthog-js sends events in batches, so a click shows here after a few seconds.</p>
${options.received ? '' : '<p>The edge forwards to the real PostHog hosts: look in your PostHog project.</p>'}
<table id="events"><thead><tr><th>event</th><th>properties</th><th>client IP PostHog records</th><th>upstream host</th><th>endpoint</th></tr></thead><tbody></tbody></table>
<h2>Edge counters</h2><pre id="counters" class="muted"></pre>
<script>
document.getElementById('page-origin').textContent = location.origin;
function shown(props) {
  var keep = {}; Object.keys(props).forEach(function (k) { if (k.charAt(0) !== '$' || k === '$current_url' || k === '$lib_version') keep[k] = props[k]; });
  return JSON.stringify(keep);
}
document.querySelectorAll('button[data-event]').forEach(function (b) {
  b.addEventListener('click', function () { posthog.capture(b.dataset.event, { plan: b.dataset.plan, clicked_at: new Date().toISOString() }); });
});
var reset = document.getElementById('reset');
// Events clicked before Clear may still sit in posthog-js's batch queue and arrive later: keep them hidden.
var clearedAt = 0;
if (reset) reset.addEventListener('click', function () { clearedAt = Date.now(); fetch('/received/reset', { method: 'POST' }).then(refresh); });
function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
function after(e) { var t = Date.parse(e.timestamp || (e.properties && e.properties.clicked_at) || ''); return isNaN(t) || t >= clearedAt; }
posthog.onFeatureFlags && posthog.onFeatureFlags(function () { document.getElementById('flag').textContent = String(posthog.isFeatureEnabled('local-demo-flag')); });
function refresh() {
  if (window.posthog && window.posthog.__loaded) document.getElementById('sdk-status').textContent = 'loaded, version ' + posthog.version;
  return fetch('/received.json').then(function (r) { return r.json(); }).then(function (data) {
    var body = document.querySelector('#events tbody'); body.textContent = '';
    var events = data.events.filter(after);
    events.slice().reverse().forEach(function (e) {
      var tr = document.createElement('tr');
      [e.event, shown(e.properties), e.clientIp, e.host, e.endpoint].forEach(function (v) { var td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
      body.appendChild(tr);
    });
    document.getElementById('summary').textContent = '(' + plural(events.length, 'event') + ', ' + plural(data.requests.length, 'request') + ')';
    document.getElementById('counters').textContent = JSON.stringify(data.counters, null, 2);
  }).catch(function () {});
}
setInterval(refresh, 1000); refresh();
</script>
</body></html>
`;
}

export function createDemoSite(options: DemoSiteOptions): (request: Request) => Response {
  const token = options.token ?? DEMO_TOKEN;
  const html = page(options, token);
  return (request) => {
    const path = new URL(request.url).pathname;
    if (path === '/' || path === '/index.html') return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
    if (path === '/received.json') {
      const received = options.received ? options.received() : { events: [], requests: [] };
      const counters = options.counters() as { behaviors?: unknown } & Record<string, unknown>;
      const { behaviors: _b, ...totals } = counters;
      return Response.json({ ...received, counters: totals }, { headers: { 'cache-control': 'no-store' } });
    }
    if (path === '/received/reset' && request.method === 'POST') {
      options.reset?.();
      return Response.json({ ok: true });
    }
    if (path === '/favicon.ico') return new Response(null, { status: 204 });
    return new Response('not found\n', { status: 404 });
  };
}
