/**
 * The monitoring resources as generated for the configurations of test/fixtures/monitoring/configs: valid
 * against the official CloudFormation schemas, alarm names as status reads them, metric math that refers
 * to its own inputs, and exactly the resources each key asks for.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { cloudFormationResources } from '../../src/deploy/cloudformation-resources.ts';
import { LOGICAL_IDS, resourceNames, viewerRequestFunctionName } from '../../src/deploy/resource-names.ts';
import { ALARM_LOGICAL_IDS } from '../../src/monitoring/alarm-resources.ts';
import { ALARM_KEYS, alarmName } from '../../src/monitoring/monitoring-names.ts';
import { MONITORING_LOGICAL_IDS, monitoringResources, withCanaryLogRetention } from '../../src/monitoring/monitoring-resources.ts';
import { FIXTURES } from '../support/fixtures.ts';
import { schemaProblems } from '../deploy/cfn-schema.ts';

const DIR = join(FIXTURES, 'monitoring/configs');
const configNames = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json')).sort();
const config = (name: string) => loadConfig(join(DIR, `${name}.json`));
const names = resourceNames('prod');
const generate = (name: string) => cloudFormationResources(config(name), { names, viewerRequestCode: 'function handler(e){return e.request}', originResponseVersionArn: { Ref: 'V' } });
const alarms = (resources: Record<string, { Type: string; Properties: Record<string, any> }>) => Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');

describe('monitoringResources', () => {
  it.each(configNames)('%s: every resource matches its official CloudFormation schema', (name) => {
    const { Resources } = generate(name);
    expect(Object.entries(Resources).flatMap(([id, r]) => schemaProblems(id, r))).toEqual([]);
  });

  it.each(configNames)('%s: alarm names are <stack>-<key>, and metric math uses only its own inputs', (name) => {
    const { Resources } = generate(name);
    const keys = Object.values(ALARM_KEYS).filter((k) => k !== ALARM_KEYS.canaryFailed || config(name).monitoring!.canary !== null);
    expect(alarms(Resources).map((a) => a.Properties.AlarmName).sort()).toEqual(keys.map((k) => alarmName('posthog-proxy-prod', k)).sort());
    for (const a of alarms(Resources)) {
      const metrics = (a.Properties.Metrics ?? []) as { Id: string; Expression?: string; ReturnData: boolean }[];
      if (metrics.length === 0) continue;
      expect(metrics.filter((m) => m.ReturnData)).toHaveLength(1);
      const ids = metrics.filter((m) => !m.Expression).map((m) => m.Id);
      for (const m of metrics.filter((e) => e.Expression)) {
        for (const word of m.Expression!.match(/\b[a-z][A-Za-z]*\b/g)!.filter((w) => !['IF', 'FILL'].includes(w))) expect(ids).toContain(word);
      }
    }
  });

  it.each([
    ['new-all-keys', { topic: true, subscription: true, logs: 14, actions: [{ Ref: MONITORING_LOGICAL_IDS.alarmTopic }] }],
    ['new-topic', { topic: false, subscription: true, logs: null, actions: ['arn:aws:sns:us-east-1:123456789012:ops-alerts'] }],
    ['new-alarms-only', { topic: false, subscription: true, logs: null, actions: [] }],
    ['attach-all-keys', { topic: false, subscription: false, logs: 30, actions: ['arn:aws:sns:us-east-1:123456789012:ops-alerts'] }],
  ] as const)('%s: the topic, additional metrics and standard logs each key asks for', (name, expected) => {
    const { Resources } = generate(name);
    const ids = MONITORING_LOGICAL_IDS;
    expect(Resources[ids.alarmTopic] !== undefined).toBe(expected.topic);
    if (expected.topic) expect(Resources[ids.alarmTopic].Properties.Subscription).toEqual([{ Protocol: 'email', Endpoint: 'ops@example.com' }]);
    expect(Resources[ids.monitoringSubscription] !== undefined).toBe(expected.subscription);
    expect(Resources[ids.accessLogGroup]?.Properties.RetentionInDays ?? null).toBe(expected.logs);
    expect([ids.accessLogSource, ids.accessLogDestination, ids.accessLogDelivery].every((id) => Resources[id] !== undefined)).toBe(expected.logs !== null);
    for (const a of alarms(Resources)) expect([a.Properties.AlarmActions, a.Properties.OKActions]).toEqual([expected.actions, expected.actions]);
  });

  it.each([
    ['new mode: the stack\'s distribution', 'new-all-keys', { Ref: LOGICAL_IDS.distribution }],
    ['attach mode: the configured distribution', 'attach-all-keys', 'E2QWRUHAPOMQZL'],
  ] as const)('%s', (_name, file, id) => {
    const { Resources } = generate(file);
    const rate = Resources[ALARM_LOGICAL_IDS[ALARM_KEYS.errorRate5xx]].Properties.Metrics as any[];
    expect(rate[0].MetricStat.Metric.Dimensions).toEqual([{ Name: 'DistributionId', Value: id }, { Name: 'Region', Value: 'Global' }]);
    const fn = Resources[ALARM_LOGICAL_IDS[ALARM_KEYS.functionExecutionErrors]].Properties;
    expect(fn.Dimensions).toEqual([{ Name: 'FunctionName', Value: viewerRequestFunctionName(names.stackName, 'function handler(e){return e.request}') }, { Name: 'Region', Value: 'Global' }]);
    expect(JSON.stringify(Resources[MONITORING_LOGICAL_IDS.accessLogSource].Properties.ResourceArn)).toContain(JSON.stringify(id));
  });

  it('the canary alarm: two runs in a row, one period per run, silence counts as failure', () => {
    const alarm = generate('new-topic').Resources[ALARM_LOGICAL_IDS[ALARM_KEYS.canaryFailed]].Properties;
    expect(alarm).toMatchObject({ Period: 60, EvaluationPeriods: 2, DatapointsToAlarm: 2, Statistic: 'Minimum', Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
  });

  it('no monitoring key: nothing at all', () => {
    expect(monitoringResources(loadConfig(join(FIXTURES, 'configs/default.json')), { stackName: 's', distributionId: 'E1', viewerRequestFunctionName: 'f' })).toEqual({ Resources: {}, Outputs: {} });
  });

  it.each([
    ['canary and logs: the logs\' retention', 'new-all-keys', 14],
    ['canary without logs: 30 days', 'new-topic', 30],
    ['no canary: untouched', 'new-alarms-only', undefined],
  ] as const)('withCanaryLogRetention, %s', (_name, file, days) => {
    const resources = { [MONITORING_LOGICAL_IDS.canaryLogGroup]: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/posthog-proxy-prod-canary' } } };
    expect(withCanaryLogRetention(resources, config(file))[MONITORING_LOGICAL_IDS.canaryLogGroup].Properties.RetentionInDays).toBe(days);
  });
});
