/** Table 4: the cost model's verdict, from a replay through the local edge, and its SVG chart. */
import { AWS_PRICES, LAMBDA_EDGE_ASSUMPTIONS } from './aws-prices.ts';
import { compareDesigns, DESIGN_LABELS, type DesignCost } from './cost-model.ts';
import type { HttpRun, ReplayResult } from './cost-replay.ts';
import { RESPONSE_HEADER_BYTES } from './cost-replay.ts';
import { num, pass, type Table } from './report-format.ts';
import type { TrafficMixOptions } from './traffic-mix.ts';

/** Issue 5: this project may cost at most this many times the CloudFront-only floor. */
export const COST_TARGET = 1.15;

/** autocannon's figures for the local edge, worded so nobody reads them as CloudFront's speed. */
function localEdgeHttpLine(replay: ReplayResult): string {
  const r = replay.http.replay;
  const l = replay.http.load;
  const ms = (x: number) => `${num(x, 2)} ms`;
  const latency = (run: HttpRun) => `latency p50 ${ms(run.latencyMs.p50)}, p99 ${ms(run.latencyMs.p99)}, max ${ms(run.latencyMs.max)}`;
  const load = l
    ? ` Then a timed run of the same requests (clock standing still, so mostly cache hits for the scripts) over ${l.connections} connections for ${l.seconds} s: ${num(l.requestsPerSecond)} requests/s and ${num(l.bytesPerSecond / 2 ** 20)} MiB/s of responses (autocannon's per-second averages), ${latency(l)}${l.errors > 0 ? `, ${l.errors} errors` : ''}.`
    : '';
  return `*Local edge HTTP speed, for orientation only: the Node local edge, the mock PostHog and autocannon share one process on this machine; this says nothing about CloudFront's own speed, which is not measured here.* autocannon's figures for the replay (${r.requests} requests, 1 connection): ${latency(r)}.${load}`;
}

const usd = (n: number) => `$${n.toFixed(n >= 10 ? 2 : 3)}`;

export function costTable(replay: ReplayResult, mix: TrafficMixOptions): { table: Table; designs: DesignCost[]; projectRatio: number } {
  const designs = compareDesigns(replay.usage);
  const project = designs.find((d) => d.design === 'project')!;
  const c = replay.counters;
  const u = replay.usage;
  return {
    designs,
    projectRatio: project.ratioToFloor,
    table: {
      title: 'Table 4. Cost model: USD per million analytics events',
      notes: [
        `Traffic: ${replay.totals.pageViews} page views (${mix.sessions} sessions of ${mix.pageViewsPerSession}; ${mix.eventsPerPageView} events a page view in ${mix.batchesPerPageView} gzip POST /e/ batches; flags every page view; array.js, config.js and one preflight on each session's first page view (later pages use the browser cache); 1 session in ${mix.recordEverySession} recorded: recorder.js once and ${mix.snapshotBatchesPerPageView} POST /s/ batches a page view), ${mix.secondsBetweenPageViews} simulated seconds apart at one edge location, a small site on which cached objects often expire. The mix is documented in \`bench/traffic-mix.ts\`.`,
        `Replayed over HTTP with autocannon (one keep-alive connection, one request at a time, the mix's requests in order, the simulated clock moved to each page view's time as its first request is sent) through the local edge (built functions, deployed layout, cache with a simulated clock) against the mock PostHog in ${num(replay.wallMs / 1000)} s. Counters read from \`/__edge/counters\`: ${c.requests} requests, ${c.cacheHits} cache hits, ${c.functionInvocations} CloudFront Function invocations (${c.functionResponses} answered at the edge), ${c.lambdaInvocations} Lambda@Edge invocations, ${c.bytesIn} bytes in, ${c.bytesOut} body bytes out. The mock decoded ${replay.eventsReceived} of the ${replay.totals.events} events sent, checked event by event.`,
        localEdgeHttpLine(replay),
        `Billed bytes to viewers: body bytes with \`/static/*\` scripts at their brotli size (CloudFront compresses them; ratio ${num(replay.staticCompression)} for the real posthog-js files), plus ${RESPONSE_HEADER_BYTES} header bytes a response: ${u.bytesToViewers} bytes. Lambda@Edge at ${LAMBDA_EDGE_ASSUMPTIONS.memoryGb * 1024} MB and ${LAMBDA_EDGE_ASSUMPTIONS.billedMsPerInvocation} billed ms an invocation. Prices recorded ${AWS_PRICES.recordedOn} in \`bench/aws-prices.ts\` (${AWS_PRICES.cloudFront.source}; ${AWS_PRICES.lambdaEdge.source}); free tier ignored.`,
      ],
      header: ['design', 'requests', 'transfer', 'CloudFront Functions', 'Lambda@Edge', 'total / M events', 'vs floor'],
      rows: designs.map((d) => {
        const p = d.perMillionEvents;
        return [
          DESIGN_LABELS[d.design],
          usd(p.requests),
          usd(p.transferToViewers + p.transferToOrigin),
          usd(p.cloudFrontFunctions),
          usd(p.lambdaRequests + p.lambdaDuration),
          `**${usd(p.total)}**`,
          `${d.ratioToFloor.toFixed(3)}x`,
        ];
      }),
      footer: [
        `Target: this project within ${COST_TARGET}x of the floor: ${pass(project.ratioToFloor <= COST_TARGET)} (${project.ratioToFloor.toFixed(3)}x). ![cost per million events](bench/cost-chart.svg)`,
      ],
    },
  };
}

/** A horizontal bar chart of the totals, stacked by part, readable without a browser's help. */
export function costChartSvg(designs: DesignCost[]): string {
  const parts = [
    ['requests', '#4e79a7', (d: DesignCost) => d.perMillionEvents.requests],
    ['transfer', '#a0cbe8', (d: DesignCost) => d.perMillionEvents.transferToViewers + d.perMillionEvents.transferToOrigin],
    ['CloudFront Functions', '#f28e2b', (d: DesignCost) => d.perMillionEvents.cloudFrontFunctions],
    ['Lambda@Edge', '#e15759', (d: DesignCost) => d.perMillionEvents.lambdaRequests + d.perMillionEvents.lambdaDuration],
  ] as const;
  const short: Record<DesignCost['design'], string> = { floor: 'CloudFront only (floor)', project: 'this project', lambdaEverywhere: 'Lambda@Edge on every request' };
  const width = 760;
  const left = 220;
  const barWidth = width - left - 120;
  const max = Math.max(...designs.map((d) => d.perMillionEvents.total));
  const rowHeight = 34;
  const top = 40;
  const height = top + designs.length * rowHeight + 40;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<text x="10" y="20" font-size="14" font-weight="bold">USD per million analytics events (bench/table-cost.ts)</text>`,
  ];
  designs.forEach((d, i) => {
    const y = top + i * rowHeight;
    out.push(`<text x="10" y="${y + 17}">${esc(short[d.design])}</text>`);
    let x = left;
    for (const [, color, value] of parts) {
      const w = (value(d) / max) * barWidth;
      if (w > 0) out.push(`<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="20" fill="${color}"/>`);
      x += w;
    }
    out.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 18}">$${d.perMillionEvents.total.toFixed(2)} (${d.ratioToFloor.toFixed(2)}x)</text>`);
  });
  let lx = 10;
  const ly = top + designs.length * rowHeight + 16;
  for (const [label, color] of parts) {
    out.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${color}"/><text x="${lx + 16}" y="${ly}">${esc(label)}</text>`);
    lx += 40 + label.length * 7;
  }
  out.push('</svg>', '');
  return out.join('\n');
}
