/**
 * A minimal site for the fault tests, on its own 127.0.0.1 origin: PostHog's snippet with settings that
 * leave only the events the test captures on the main host (no flags, no autocapture, no recording), a
 * 250 ms batch flush, and a fetch wrapper that logs what the page's scripts (so the SDK) can read of each
 * answer: the status, or 0 when the browser hides a response without CORS, and Retry-After.
 */
import { POSTHOG_SNIPPET } from '../../src/demo-site/posthog-snippet.ts';

/** One answer as the page's JavaScript saw it. */
export interface SeenBySdk {
  url: string;
  method: string;
  /** 0: the fetch failed (network error, or an answer without CORS the browser would not show). */
  status: number;
  retryAfter: string | null;
}

const FETCH_LOG = `window.__seen = [];
(function () {
  var original = window.fetch;
  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : input.url;
    var method = (init && init.method) || 'GET';
    return original.apply(this, arguments).then(function (r) {
      window.__seen.push({ url: url, method: method, status: r.status, retryAfter: r.headers.get('Retry-After') });
      return r;
    }, function (e) {
      window.__seen.push({ url: url, method: method, status: 0, retryAfter: null });
      throw e;
    });
  };
})();`;

export function faultPage(apiHost: string, token: string): string {
  const init = {
    api_host: apiHost,
    opt_out_useragent_filter: true,
    persistence: 'memory',
    capture_pageview: false,
    capture_pageleave: false,
    autocapture: false,
    disable_session_recording: true,
    disable_surveys: true,
    advanced_disable_flags: true,
    request_queue_config: { flush_interval_ms: 250 },
  };
  return `<!doctype html><html><head><meta charset="utf-8"><title>faults</title>
<script>${FETCH_LOG}</script>
<script>${POSTHOG_SNIPPET}
posthog.init(${JSON.stringify(token)}, ${JSON.stringify(init)});</script>
</head><body>fault page</body></html>`;
}
