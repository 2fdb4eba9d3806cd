/** Loads the deploy fixtures: DistributionConfig files shaped like real distributions, configurations, conflicts. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { loadConfig } from '../../src/config/load-config.ts';
import type { ProxyConfig } from '../../src/config/proxy-config.ts';
import type { DeployedIds } from '../../src/deploy/api-shapes.ts';
import { FIXTURES } from '../support/fixtures.ts';

const DEPLOY = join(FIXTURES, 'deploy');

const names = (dir: string) => readdirSync(join(DEPLOY, dir)).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json')).sort();
const read = (dir: string, name: string) => JSON.parse(readFileSync(join(DEPLOY, dir, `${name}.json`), 'utf8'));

/** Each call returns a fresh copy, so a test can never leak changes into another. */
export const distributions = (): Array<[string, DistributionConfig]> => names('distributions').map((n) => [n, read('distributions', n)]);

export interface ConflictFixture {
  description: string;
  error: string;
  message: string;
  distribution: DistributionConfig;
}
export const conflicts = (): Array<[string, ConflictFixture]> => names('conflicts').map((n) => [n, read('conflicts', n)]);

export const attachConfigNames = () => names('configs').filter((n) => n.startsWith('attach-'));
export const deployConfig = (name: string): ProxyConfig => loadConfig(join(DEPLOY, 'configs', `${name}.json`));
export const deployConfigPath = (name: string) => join(DEPLOY, 'configs', `${name}.json`);
export const sharedConfigPath = (name: string) => join(FIXTURES, 'configs', `${name}.json`);
export const sharedConfigNames = () => readdirSync(join(FIXTURES, 'configs')).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json')).sort();

export const IDS: DeployedIds = {
  viewerRequestFunctionArn: 'arn:aws:cloudfront::123456789012:function/posthog-proxy-prod-viewer-request',
  cachePolicyId: '11111111-2222-3333-4444-555555555555',
  originRequestPolicyId: '66666666-7777-8888-9999-000000000000',
  originResponseVersionArn: 'arn:aws:lambda:us-east-1:123456789012:function:posthog-proxy-prod-originResponse:3',
};

/** Every `{Quantity, Items}` pair in a value, with its path, for the "Quantity equals item count" check. */
export function quantityMismatches(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => quantityMismatches(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = 'Quantity' in record && (record.Items?.constructor === Array ? (record.Items as unknown[]).length : 0) !== record.Quantity ? [`${path}: Quantity ${record.Quantity}`] : [];
  return [...own, ...Object.entries(record).flatMap(([k, v]) => quantityMismatches(v, `${path}.${k}`))];
}
