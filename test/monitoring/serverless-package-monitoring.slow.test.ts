/**
 * `npx serverless package` (osls, offline, no credentials) with every monitoring key set, in new and attach
 * mode: the canary Lambda from its own zip with its schedule and environment, its log group's retention,
 * the alarms and logs resources, all valid against the CloudFormation schemas.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCanary, CANARY_FILE } from '../../src/monitoring/build-canary.ts';
import { CANARY_ENV } from '../../src/monitoring/canary-run.ts';
import { ALARM_KEYS, alarmName } from '../../src/monitoring/monitoring-names.ts';
import { MONITORING_LOGICAL_IDS } from '../../src/monitoring/monitoring-resources.ts';
import { FIXTURES, REPO_ROOT } from '../support/fixtures.ts';
import { schemaProblems } from '../deploy/cfn-schema.ts';
import { crc32 } from '../../src/deploy/zip-one-file.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function serviceDir(configFile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'posthog-proxy-sls-monitoring-'));
  dirs.push(dir);
  for (const name of ['src', 'functions', 'node_modules', 'package.json', 'tsconfig.json']) symlinkSync(join(REPO_ROOT, name), join(dir, name));
  copyFileSync(join(REPO_ROOT, 'serverless.yml'), join(dir, 'serverless.yml'));
  copyFileSync(configFile, join(dir, 'proxy.config.json'));
  return dir;
}

async function slsPackage(dir: string) {
  const env = { PATH: process.env.PATH!, HOME: dir, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_SDK_LOAD_CONFIG: '0' };
  await run(join(REPO_ROOT, 'node_modules/.bin/serverless'), ['package', '--stage', 'ci', '--param=config=proxy.config.json'], { cwd: dir, env, timeout: 120_000 });
  return JSON.parse(readFileSync(join(dir, '.serverless/cloudformation-template-update-stack.json'), 'utf8'));
}

describe('npx serverless package with every monitoring key', () => {
  it.each([
    ['new distribution', 'new-all-keys', { 'Fn::Sub': 'https://${PosthogProxyDistribution.DomainName}/k7x2' }, 'rate(5 minutes)', 14, 'https://www.example.com', 'true'],
    ['attach mode', 'attach-all-keys', 'https://www.example.com/k7x2', 'rate(10 minutes)', 30, 'https://example.com', 'false'],
  ] as const)('%s', async (_mode, name, url, rate, retention, siteOrigin, capture) => {
    // Prepare
    const dir = serviceDir(join(FIXTURES, 'monitoring/configs', `${name}.json`));

    // Act
    const template = await slsPackage(dir);

    // Assess: the canary function, from the zip the plugin wrote, with what the handler reads.
    const resources = template.Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
    const fn = resources[MONITORING_LOGICAL_IDS.canaryFunction];
    expect(fn.Properties).toMatchObject({ FunctionName: 'posthog-proxy-ci-canary', Handler: 'canary.handler', Runtime: 'nodejs22.x', MemorySize: 256, Timeout: 60 });
    expect(fn.Properties.Code.S3Key).toMatch(/\/canary\.zip$/);
    expect(fn.Properties.Environment.Variables).toEqual({
      [CANARY_ENV.url]: url, [CANARY_ENV.token]: 'phc_canary_test', [CANARY_ENV.siteOrigin]: siteOrigin, [CANARY_ENV.capture]: capture, [CANARY_ENV.stackName]: 'posthog-proxy-ci',
    });
    const rules = Object.values(resources).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules.map((r) => r.Properties.ScheduleExpression)).toEqual([rate]);
    expect(resources[MONITORING_LOGICAL_IDS.canaryLogGroup].Properties.RetentionInDays).toBe(retention);
    // The zip holds exactly the bundle the canary tests run (same builder, deterministic bytes).
    const zip = readFileSync(join(dir, 'dist/canary.zip'));
    const code = Buffer.from(await buildCanary());
    expect(zip.readUInt32LE(14)).toBe(crc32(code));
    expect(zip.subarray(30, 30 + CANARY_FILE.length).toString()).toBe(CANARY_FILE);
    // Alarms, logs: present and valid.
    const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm').map((r) => r.Properties.AlarmName);
    expect(alarms).toContain(alarmName('posthog-proxy-ci', ALARM_KEYS.canaryFailed));
    expect(alarms).toHaveLength(Object.keys(ALARM_KEYS).length);
    expect(resources[MONITORING_LOGICAL_IDS.accessLogGroup].Properties.RetentionInDays).toBe(retention);
    const ours = Object.entries(resources).filter(([, r]) => /^AWS::(CloudWatch|SNS|Logs|CloudFront::MonitoringSubscription)/.test(r.Type) || r.Type === 'AWS::Lambda::Function');
    expect(ours.flatMap(([id, r]) => schemaProblems(id, r))).toEqual([]);
  }, 180_000);
});
