import { describe, expect, it } from 'vitest';
import { distributionLayout } from '../../src/distribution/distribution-layout.ts';
import type { MonitoringConfig } from '../../src/monitoring/monitoring-config.ts';
import { evaluateStatus, STATUS_EXIT, type Severity } from '../../src/status/evaluate-status.ts';
import type { Series, StatusSnapshot } from '../../src/status/status-snapshot.ts';
import { healthySnapshot, STACK, statusConfig } from './status-fixtures.ts';

type Mode = 'new' | 'attach';
type Change = (s: StatusSnapshot) => void;

const ok = <T,>(part: { ok: boolean; value?: T }) => {
  if (!part.ok) throw new Error('fixture part is not ok');
  return part.value as T;
};
const dist = (s: StatusSnapshot) => ok<Extract<StatusSnapshot['distribution'], { ok: true }>['value']>(s.distribution);
const series = (s: StatusSnapshot) => ok<Extract<StatusSnapshot['traffic'], { ok: true }>['value']>(s.traffic).series;
const canary = (s: StatusSnapshot) => ok<Extract<StatusSnapshot['canary'], { ok: true }>['value']>(s.canary).series;
const stack = (s: StatusSnapshot) => ok<Extract<StatusSnapshot['stack'], { ok: true }>['value']>(s.stack);
const setAll = (x: Series, value: number) => void (x.values = x.values.map(() => value));
const newestFirst = (x: Series, value: number) => void (x.values[0] = value);
const behaviors = (s: StatusSnapshot) => dist(s).config.CacheBehaviors!.Items!;

const NO_CREDENTIALS = 'no AWS credentials found: set AWS_PROFILE';

/** [name, mode, change, exit code, findings expected (id and severity), findings that must not appear] */
const CASES: Array<[string, Mode, Change, number, Array<[string, Severity]>, string[]]> = [
  ['healthy, attached', 'attach', () => {}, STATUS_EXIT.ok, [['drift', 'ok'], ['canary', 'ok'], ['alarm', 'ok']], ['error-rate-5xx', 'error-rate-4xx']],
  ['healthy, own distribution', 'new', () => {}, STATUS_EXIT.ok, [['drift', 'ok'], ['canary', 'ok'], ['alarm', 'ok']], []],
  ['change still propagating', 'attach', (s) => void (dist(s).status = 'InProgress'), STATUS_EXIT.ok, [['distribution-state', 'warn']], []],
  ['distribution disabled', 'new', (s) => void (dist(s).config.Enabled = false), STATUS_EXIT.problem, [['distribution-enabled', 'fail']], []],
  ['a site deploy dropped one behavior', 'attach', (s) => {
    const items = behaviors(s).filter((b) => b.PathPattern !== '/k7x2/*');
    dist(s).config.CacheBehaviors = { Quantity: items.length, Items: items };
  }, STATUS_EXIT.problem, [['drift', 'fail']], []],
  ['detached: none of the proxy left', 'attach', (s) => {
    const c = dist(s).config;
    const items = behaviors(s).filter((b) => !b.TargetOriginId!.startsWith('posthog-proxy-'));
    const origins = c.Origins!.Items!.filter((o) => !o.Id!.startsWith('posthog-proxy-'));
    c.CacheBehaviors = { Quantity: items.length, Items: items };
    c.Origins = { Quantity: origins.length, Items: origins };
  }, STATUS_EXIT.problem, [['drift', 'fail']], []],
  ['a newer Lambda@Edge version deployed but not attached', 'attach', (s) => {
    stack(s).ids!.originResponseVersionArn = stack(s).ids!.originResponseVersionArn.replace(/:3$/, ':4');
  }, STATUS_EXIT.problem, [['drift', 'fail']], []],
  ['console edit of the stack\'s own distribution (function removed)', 'new', (s) => {
    behaviors(s)[0].FunctionAssociations = { Quantity: 0 };
  }, STATUS_EXIT.problem, [['drift', 'fail']], []],
  ['a foreign behavior added to the stack\'s distribution', 'new', (s) => {
    const items = [...behaviors(s), { ...behaviors(s)[0], PathPattern: '/extra/*' }];
    dist(s).config.CacheBehaviors = { Quantity: items.length, Items: items };
  }, STATUS_EXIT.problem, [['drift', 'fail']], []],
  ['stack outputs incomplete: drift unknown', 'attach', (s) => {
    stack(s).ids = null;
    stack(s).idsError = 'stack posthog-proxy-prod has no output CachePolicyId';
  }, STATUS_EXIT.unknown, [['drift', 'unknown']], []],
  ['5xx at 8 % over the hour', 'attach', (s) => setAll(series(s).errorRate5xx, 8), STATUS_EXIT.problem, [['error-rate-5xx', 'fail']], []],
  ['5xx at 2 %', 'new', (s) => setAll(series(s).errorRate5xx, 2), STATUS_EXIT.ok, [['error-rate-5xx', 'warn']], []],
  ['5xx at 50 % of 6 requests: noise, not judged', 'new', (s) => {
    setAll(series(s).requests, 0.5);
    setAll(series(s).errorRate5xx, 50);
  }, STATUS_EXIT.ok, [], ['error-rate-5xx']],
  ['one bad five minutes of twelve: weighted below the warning', 'new', (s) => newestFirst(series(s).errorRate5xx, 10), STATUS_EXIT.ok, [], ['error-rate-5xx']],
  ['4xx at 30 %', 'attach', (s) => setAll(series(s).errorRate4xx, 30), STATUS_EXIT.ok, [['error-rate-4xx', 'warn']], []],
  ['function execution errors', 'new', (s) => void (series(s).functionExecutionErrors = { timestamps: ['2026-12-05T20:55:00.000Z'], values: [3] }), STATUS_EXIT.problem, [['function-errors', 'fail']], []],
  ['function validation errors', 'new', (s) => void (series(s).functionValidationErrors = { timestamps: ['2026-12-05T20:55:00.000Z'], values: [1] }), STATUS_EXIT.problem, [['function-errors', 'fail']], []],
  ['function throttles', 'new', (s) => void (series(s).functionThrottles = { timestamps: ['2026-12-05T20:55:00.000Z'], values: [2] }), STATUS_EXIT.ok, [['function-throttles', 'warn']], []],
  ['Lambda@Edge errors', 'attach', (s) => newestFirst(series(s).lambdaExecutionErrors, 4), STATUS_EXIT.problem, [['lambda-errors', 'fail']], []],
  ['5xx alarm in ALARM', 'attach', (s) => {
    const a = ok<{ name: string; state: string }[]>(s.alarms).find((x) => x.name === `${STACK}-5xx-error-rate`)!;
    a.state = 'ALARM';
  }, STATUS_EXIT.problem, [['alarm', 'fail']], []],
  ['canary: remote-config failed in the last run', 'attach', (s) => {
    newestFirst(canary(s)['remote-config'], 0);
    newestFirst(canary(s)['all-checks'], 0);
  }, STATUS_EXIT.problem, [['canary', 'fail']], []],
  ['canary: failed earlier, passed in the last run', 'attach', (s) => void (canary(s)['remote-config'].values[3] = 0), STATUS_EXIT.ok, [['canary', 'ok']], []],
  ['canary configured (its alarm exists) but silent for an hour', 'new', (s) => {
    for (const x of Object.values(canary(s))) Object.assign(x, { timestamps: [], values: [] });
  }, STATUS_EXIT.problem, [['canary', 'fail']], []],
  ['no monitoring at all: notes only', 'new', (s) => {
    for (const x of Object.values(canary(s))) Object.assign(x, { timestamps: [], values: [] });
    s.alarms = { ok: true, value: [] };
  }, STATUS_EXIT.ok, [['canary', 'note'], ['alarm', 'note']], []],
  ['a deploy is running', 'new', (s) => void (stack(s).status = 'UPDATE_IN_PROGRESS'), STATUS_EXIT.ok, [['stack', 'warn']], []],
  ['the last deploy was rolled back', 'attach', (s) => void (stack(s).status = 'UPDATE_ROLLBACK_COMPLETE'), STATUS_EXIT.ok, [['stack', 'warn']], []],
  ['the first deploy failed', 'new', (s) => void (stack(s).status = 'ROLLBACK_COMPLETE'), STATUS_EXIT.problem, [['stack', 'fail']], []],
  ['stack missing', 'new', (s) => {
    s.stack = { ok: false, missing: true, error: 'Stack with id posthog-proxy-prod does not exist' };
    s.distribution = { ok: false, error: 'the distribution id comes from the stack, which could not be read; pass --distribution-id' };
  }, STATUS_EXIT.problem, [['stack', 'fail']], []],
  ['no credentials: told once, exit 3', 'attach', (s) => {
    for (const key of ['stack', 'distribution', 'traffic', 'canary', 'alarms'] as const) {
      (s as unknown as Record<string, unknown>)[key] = { ok: false, error: `${NO_CREDENTIALS} (…)` };
    }
  }, STATUS_EXIT.unknown, [['read-stack', 'unknown']], ['read-distribution', 'read-traffic', 'read-canary', 'read-alarms']],
  ['CloudWatch refused, the distribution still judged', 'attach', (s) => {
    s.traffic = { ok: false, error: 'the credentials may not call cloudwatch:GetMetricData' };
    s.canary = s.traffic;
    s.alarms = { ok: false, error: 'the credentials may not call cloudwatch:DescribeAlarms' };
    behaviors(s).splice(0, 1);
    dist(s).config.CacheBehaviors!.Quantity! -= 1;
  }, STATUS_EXIT.problem, [['drift', 'fail'], ['read-traffic', 'unknown'], ['read-alarms', 'unknown']], ['read-canary']],
];

describe('evaluateStatus', () => {
  it.each(CASES)('%s', (_, mode, change, exitCode, expected, absent) => {
    // Prepare
    const snapshot = healthySnapshot(mode);
    change(snapshot);
    // Act
    const report = evaluateStatus(snapshot, distributionLayout(statusConfig(mode)));
    // Assess
    const found = report.findings.map((f) => [f.id, f.severity]);
    for (const e of expected) expect(found).toContainEqual(e);
    for (const id of absent) expect(report.findings.map((f) => f.id)).not.toContain(id);
    expect(report.exitCode).toBe(exitCode);
    expect(report.ok).toBe(exitCode !== STATUS_EXIT.problem);
    for (const f of report.findings.filter((x) => x.severity === 'fail')) expect(f.fix ?? '').not.toBe('');
  });

  const monitoring = (everyMinutes: number): MonitoringConfig => ({
    alarmEmail: 'ops@example.com',
    alarmTopicArn: null,
    canary: { token: 'phc_test', everyMinutes, capture: false, url: null },
    logs: null,
  });
  const dropNewest = (n: number): Change => (s) => {
    for (const x of Object.values(canary(s))) Object.assign(x, { timestamps: x.timestamps.slice(n), values: x.values.slice(n) });
  };
  /** [name, configuration's monitoring, change, exit code, findings expected] */
  const WITH_MONITORING: Array<[string, MonitoringConfig, Change, number, Array<[string, Severity]>]> = [
    ['canary every 5 minutes, last run a minute ago', monitoring(5), () => {}, STATUS_EXIT.ok, [['canary', 'ok'], ['alarm', 'ok']]],
    ['canary every 5 minutes, last run 16 minutes ago: late', monitoring(5), dropNewest(3), STATUS_EXIT.problem, [['canary', 'fail']]],
    ['canary every 15 minutes, last run 16 minutes ago: on time', monitoring(15), dropNewest(3), STATUS_EXIT.ok, [['canary', 'ok']]],
    ['monitoring configured, nothing deployed: no canary data, no alarms', monitoring(5), (s) => {
      dropNewest(99)(s);
      s.alarms = { ok: true, value: [] };
    }, STATUS_EXIT.problem, [['canary', 'fail'], ['alarm', 'warn']]],
  ];

  it.each(WITH_MONITORING)('%s', (_, config, change, exitCode, expected) => {
    // Prepare
    const snapshot = healthySnapshot('new');
    change(snapshot);
    // Act
    const report = evaluateStatus(snapshot, distributionLayout(statusConfig('new')), config);
    // Assess
    const found = report.findings.map((f) => [f.id, f.severity]);
    for (const e of expected) expect(found).toContainEqual(e);
    expect(report.exitCode).toBe(exitCode);
  });

  it('summarises the healthy hour: requests summed, rates weighted by requests, Lambda@Edge errors measured', () => {
    // Act
    const report = evaluateStatus(healthySnapshot('attach'), distributionLayout(statusConfig('attach')));
    // Assess
    expect(report.traffic!.requests).toBe(13_630);
    expect(report.traffic!.errorRate5xx).toBeCloseTo((0.1 * 1300 + 0.08 * 1190) / 13_630, 6);
    expect(report.traffic!.lambdaErrors).toBe(0);
    expect(report.canary!.checks.map((c) => c.id)).toEqual(['sdk-script', 'remote-config', 'cors-preflight', 'flags-query', 'same-region', 'ad-blocker-path']);
    expect(report.distribution).toMatchObject({ id: 'E2QWRUHAPOMQZL', status: 'Deployed', aliases: ['www.example.com', 'example.com'], drift: [] });
  });

  it('names the Lambda@Edge log group, and in attach mode says the count is the whole distribution\'s', () => {
    // Prepare
    const snapshot = healthySnapshot('attach');
    newestFirst(series(snapshot).lambdaExecutionErrors, 2);
    // Act
    const f = evaluateStatus(snapshot, distributionLayout(statusConfig('attach'))).findings.find((x) => x.id === 'lambda-errors')!;
    // Assess
    expect(f.message).toMatch(/failed 2 times in the last hour \(CloudFront counts per distribution: your own Lambda@Edge functions are included\)/);
    expect(f.fix).toContain('/aws/lambda/us-east-1.posthog-proxy-prod-originResponse ');
  });

  it('says "not measured" for Lambda@Edge errors when the additional metrics are off', () => {
    // Prepare
    const snapshot = healthySnapshot('new');
    for (const key of ['lambdaExecutionErrors', 'lambdaValidationErrors', 'lambdaLimitExceeded']) series(snapshot)[key] = { timestamps: [], values: [] };
    // Act
    const report = evaluateStatus(snapshot, distributionLayout(statusConfig('new')));
    // Assess
    expect(report.traffic!.lambdaErrors).toBeNull();
    expect(report.exitCode).toBe(STATUS_EXIT.ok);
  });
});
