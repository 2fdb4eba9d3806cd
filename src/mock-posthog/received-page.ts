/** The mock PostHog's own page: what it received, newest first, refreshed every two seconds. */
import type { ReceivedEvent, ReceivedRequest } from './mock-posthog.ts';

/** "1 event", "2 events". */
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function receivedPage(events: ReceivedEvent[], requests: ReceivedRequest[]): string {
  const eventRows = events
    .slice(-200)
    .reverse()
    .map((e) => `<tr><td>${escapeHtml(e.receivedAt.slice(11, 19))}</td><td><b>${escapeHtml(e.event)}</b></td><td>${escapeHtml(e.clientIp)}</td><td>${escapeHtml(e.host)}</td><td>${escapeHtml(e.endpoint)}</td><td><code>${escapeHtml(e.uuid ?? '')}</code></td></tr>`)
    .join('\n');
  const requestRows = requests
    .slice(-200)
    .reverse()
    .map((r) => `<tr><td>${escapeHtml(r.at.slice(11, 19))}</td><td>${escapeHtml(r.host)}</td><td>${escapeHtml(r.method)}</td><td>${escapeHtml(r.path)}${r.query ? '?' + escapeHtml(r.query) : ''}</td><td>${r.status}</td><td>${escapeHtml(r.cacheControl ?? '(none)')}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>Mock PostHog: received</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}</style></head>
<body><h1>Mock PostHog</h1>
<p>${plural(events.length, 'event')}, ${plural(requests.length, 'request')}. JSON: <a href="/__mock/events">/__mock/events</a>, <a href="/__mock/requests">/__mock/requests</a>. Reset: <code>POST /__mock/reset</code>.</p>
<h2>Events</h2><table><tr><th>time</th><th>event</th><th>client IP</th><th>host</th><th>endpoint</th><th>uuid</th></tr>
${eventRows}</table>
<h2>Requests</h2><table><tr><th>time</th><th>host</th><th>method</th><th>path</th><th>status</th><th>cache-control</th></tr>
${requestRows}</table></body></html>
`;
}
