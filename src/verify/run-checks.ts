/**
 * Runs the checks against a target: each with its own timeout (one AbortSignal for all its requests),
 * concurrently, results in a fixed order. Whatever a request or a check throws becomes that check's
 * failure, so a dead proxy gives a table of failures, never a stack trace.
 */
import type { CheckResult, CheckStatus, ProbeRecord } from './check-result.ts';
import type { Check } from './check.ts';
import { adBlockerPath } from './checks/ad-blocker-path.ts';
import { captureEvent } from './checks/capture-event.ts';
import { certificate } from './checks/certificate.ts';
import { corsPreflight } from './checks/cors-preflight.ts';
import { flagsQuery } from './checks/flags-query.ts';
import { remoteConfig } from './checks/remote-config.ts';
import { sameRegion } from './checks/same-region.ts';
import { sdkScript } from './checks/sdk-script.ts';
import { describeFetchError, ProbeError, type HttpClient } from './http-client.ts';
import type { VerifyTarget } from './verify-target.ts';

export const ALL_CHECKS: readonly Check[] = [sdkScript, remoteConfig, corsPreflight, flagsQuery, sameRegion, adBlockerPath, certificate, captureEvent];

export const DEFAULT_TIMEOUT_MS = 10_000;

/** The `--json` output. Version 1; fields are only ever added (README, "Verify"). */
export interface VerifyReport {
  schema: 'posthog-cloudfront-verify/1';
  target: { apiHost: string; token: string; siteOrigin: string; capture: boolean };
  /** True when no check failed (warnings and skipped checks do not fail a run). */
  ok: boolean;
  counts: Record<CheckStatus, number>;
  checks: CheckResult[];
}

async function runOne(check: Check, target: VerifyTarget, http: HttpClient, timeoutMs: number): Promise<CheckResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  const probes: ProbeRecord[] = [];
  const probe = async (request: Parameters<HttpClient>[0]) => {
    try {
      const response = await http(request, signal);
      probes.push({ method: request.method, url: request.url, status: response.status, error: null });
      return response;
    } catch (error) {
      const reason = signal.aborted ? `no answer within ${timeoutMs} ms` : error instanceof ProbeError ? error.message : describeFetchError(error);
      probes.push({ method: request.method, url: request.url, status: null, error: reason });
      throw new ProbeError(signal.aborted ? `${request.method} ${request.url}: ${reason}` : reason, { cause: error });
    }
  };
  try {
    const verdict = await check.run(target, probe, { signal });
    return { id: check.id, title: check.title, status: verdict.status, seen: verdict.seen, cause: verdict.cause ?? null, fix: verdict.fix ?? null, probes };
  } catch (error) {
    const network = error instanceof ProbeError;
    return {
      id: check.id,
      title: check.title,
      status: 'fail',
      seen: network ? error.message : `the check itself failed: ${(error as Error)?.message ?? String(error)}`,
      cause: network ? 'the proxy did not answer' : 'an unexpected answer the check could not read',
      fix: network ? networkFix(error.message) : 'run again with --json and report the probes',
      probes,
    };
  }
}

/** The fix that fits how the proxy failed to answer: refused, unknown host, TLS, or too slow. */
export function networkFix(reason: string): string {
  if (/ECONNREFUSED/.test(reason)) return 'nothing listens at that host and port: check the URL\'s port, or start the local edge (npm start) when verifying it';
  if (/ENOTFOUND|EAI_AGAIN/.test(reason)) return 'the host name does not resolve: check its spelling (the distribution\'s dxxxx.cloudfront.net or your domain) and its DNS records';
  if (/certificate|CERT|SSL|TLS/i.test(reason)) return 'the TLS handshake failed: the certificate must cover the host (see the certificate check and docs/own-domain.md)';
  if (/no answer within/.test(reason)) return 'the proxy answered too slowly: check that the distribution is deployed, or raise --timeout-ms on a slow network';
  return 'check the proxy URL (https, host, pathPrefix), DNS, and that the distribution is deployed';
}

export async function runChecks(target: VerifyTarget, http: HttpClient, options: { timeoutMs?: number; checks?: readonly Check[] } = {}): Promise<VerifyReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const checks = await Promise.all((options.checks ?? ALL_CHECKS).map((c) => runOne(c, target, http, timeoutMs)));
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const c of checks) counts[c.status]++;
  return {
    schema: 'posthog-cloudfront-verify/1',
    target: { apiHost: target.apiHost, token: target.token, siteOrigin: target.siteOrigin, capture: target.capture },
    ok: counts.fail === 0,
    counts,
    checks,
  };
}
