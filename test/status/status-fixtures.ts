/** Loads the status fixtures into StatusSnapshots; every call returns fresh copies, so a row cannot leak into another. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import type { ProxyConfig } from '../../src/config/proxy-config.ts';
import type { StatusSnapshot } from '../../src/status/status-snapshot.ts';
import { deployConfig, IDS } from '../deploy/deploy-fixtures.ts';
import { FIXTURES } from '../support/fixtures.ts';

const read = (name: string) => JSON.parse(readFileSync(join(FIXTURES, 'status', `${name}.json`), 'utf8'));

export const STACK = 'posthog-proxy-prod';
export const ATTACHED_ID = 'E2QWRUHAPOMQZL';
export const OWNED_ID = 'E1OWNEDBYSTACK';

/** The configurations the two fixture distributions were made from. */
export const statusConfig = (mode: 'new' | 'attach'): ProxyConfig => deployConfig(mode === 'attach' ? 'attach-us' : 'new-eu-prefixed');

/** The live DistributionConfig of a healthy proxy in each mode (attached: a site's distribution with the proxy). */
export const liveDistribution = (mode: 'new' | 'attach'): DistributionConfig => read(mode === 'attach' ? 'attached' : 'owned');

export function healthyParts() {
  return read('healthy-parts') as {
    readAt: string;
    distributionDomainName: string;
    traffic: { periodSeconds: number; series: Record<string, { timestamps: string[]; values: number[] }> };
    canary: { series: Record<string, { timestamps: string[]; values: number[] }> };
    alarms: { name: string; state: string; reason: string; since: string }[];
  };
}

export function healthySnapshot(mode: 'new' | 'attach'): StatusSnapshot {
  const parts = healthyParts();
  const id = mode === 'attach' ? ATTACHED_ID : OWNED_ID;
  return {
    stackName: STACK,
    mode,
    readAt: parts.readAt,
    stack: { ok: true, value: { status: 'UPDATE_COMPLETE', ids: { ...IDS }, idsError: null, distributionId: id } },
    distribution: { ok: true, value: { id, status: 'Deployed', domainName: parts.distributionDomainName, config: liveDistribution(mode) } },
    traffic: { ok: true, value: parts.traffic },
    canary: { ok: true, value: parts.canary },
    alarms: { ok: true, value: parts.alarms },
  };
}
