/**
 * Table 3: both bundles in bytes against this project's budgets and AWS's limits. Also the viewer-request
 * function built with every feature configured, against its own ceiling, since that is the build closest to
 * CloudFront's hard 10 KB limit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildViewerRequest, ORIGIN_RESPONSE_FILE, ROOT, VIEWER_REQUEST_FILE } from '../src/build/build-functions.ts';
import { LIMITS } from '../src/build/function-limits.ts';
import { validateConfig } from '../src/config/validate-config.ts';
import { num, pass, type Table } from './report-format.ts';

/**
 * Lambda@Edge quota on the zipped package of an origin-request or origin-response function (AWS,
 * "Quotas on Lambda@Edge"); viewer triggers are limited to 1 MB. Far above anything here: shown for scale.
 */
export const LAMBDA_EDGE_ORIGIN_TRIGGER_LIMIT_BYTES = 50 * 1024 * 1024;

/** Every option that adds code to the viewer-request function. */
export const ALL_FEATURES_CONFIG = {
  region: 'eu',
  pathPrefix: '/k7x2',
  allowedOrigins: ['https://example.com', 'https://*.example.com'],
  endpoints: 'public',
  clientIp: 'mask',
  trustedProxies: ['10.0.0.0/8', '2001:db8::/32'],
};

export interface SizeRow {
  artifact: string;
  bytes: number;
  gzipBytes: number;
  budget: number;
  awsLimit: number;
  awsLimitLabel: string;
}

export async function measureSizes(): Promise<SizeRow[]> {
  const viewer = readFileSync(join(ROOT, 'dist', VIEWER_REQUEST_FILE));
  const origin = readFileSync(join(ROOT, 'dist', ORIGIN_RESPONSE_FILE));
  const full = Buffer.from(await buildViewerRequest(validateConfig(ALL_FEATURES_CONFIG, 'bench all-features configuration')));
  const cff = { awsLimit: LIMITS.cloudFrontFunctionBytes, awsLimitLabel: 'CloudFront Functions code' };
  return [
    { artifact: '`dist/viewer-request.js` (default config)', bytes: viewer.length, gzipBytes: gzipSync(viewer).length, budget: LIMITS.viewerRequestBudgetBytes, ...cff },
    { artifact: 'viewer-request, every feature configured', bytes: full.length, gzipBytes: gzipSync(full).length, budget: LIMITS.viewerRequestFullBudgetBytes, ...cff },
    {
      artifact: '`dist/origin-response.mjs`',
      bytes: origin.length,
      gzipBytes: gzipSync(origin).length,
      budget: LIMITS.originResponseBudgetBytes,
      awsLimit: LAMBDA_EDGE_ORIGIN_TRIGGER_LIMIT_BYTES,
      awsLimitLabel: 'Lambda@Edge origin trigger package, zipped',
    },
  ];
}

export function sizesTable(rows: SizeRow[]): { table: Table; ok: boolean } {
  const ok = rows.every((r) => r.bytes <= r.budget && r.bytes <= r.awsLimit);
  return {
    ok,
    table: {
      title: 'Table 3. Sizes',
      notes: ['Bytes as uploaded (gzip for orientation). Budgets are this project\'s own, in `src/build/function-limits.ts`; the build already refuses to exceed them.'],
      header: ['artifact', 'bytes', 'gzip', 'budget', 'of budget', 'AWS limit', 'of AWS limit', 'within both'],
      rows: rows.map((r) => [
        r.artifact,
        String(r.bytes),
        String(r.gzipBytes),
        String(r.budget),
        `${num((r.bytes / r.budget) * 100)}%`,
        `${r.awsLimit} (${r.awsLimitLabel})`,
        `${num((r.bytes / r.awsLimit) * 100)}%`,
        pass(r.bytes <= r.budget && r.bytes <= r.awsLimit),
      ]),
      footer: [`Targets: viewer-request at most ${LIMITS.viewerRequestBudgetBytes} bytes, origin-response at most ${LIMITS.originResponseBudgetBytes} bytes, CloudFront Functions at most ${LIMITS.cloudFrontFunctionBytes} bytes: ${pass(ok)}.`],
    },
  };
}
