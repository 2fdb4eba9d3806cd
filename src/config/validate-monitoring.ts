/**
 * Validation of the optional `monitoring` object: alarm destination, canary and logs. Pure; pushes every
 * problem (key, value, fix) onto the caller's list and returns the MonitoringConfig or null when absent.
 */
import { CANARY_DEFAULT_MINUTES, RETENTION_DAYS, type CanaryConfig, type MonitoringConfig } from '../monitoring/monitoring-config.ts';

export const MONITORING_KEYS = ['alarmEmail', 'alarmTopicArn', 'canary', 'logs'] as const;
export const CANARY_KEYS = ['token', 'everyMinutes', 'capture', 'url'] as const;

/** As verify's token rule (PostHog's posthog/api/remote_config.py). */
const TOKEN = /^[A-Za-z0-9_-]{1,200}$/;
/** SNS accepts any address with one @ and a dotted domain; this catches typos without refusing real ones. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** SNS topic ARN (any partition); the topic must be in us-east-1, where the alarms are. */
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}$/;

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function unknownKeys(problems: string[], path: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) problems.push(`${path}.${key} is not a key of ${path}; use ${known.join(', ')}`);
  }
}

function checkCanary(problems: string[], raw: unknown, attach: boolean): CanaryConfig | null {
  if (!isObject(raw)) {
    problems.push(`monitoring.canary: ${show(raw)} must be an object such as {"token": "phc_...", "everyMinutes": 5}`);
    return null;
  }
  unknownKeys(problems, 'monitoring.canary', raw, CANARY_KEYS);
  if (typeof raw.token !== 'string' || !TOKEN.test(raw.token)) {
    problems.push(`monitoring.canary.token: ${show(raw.token)} is not a project token; write the project API key (phc_...) from PostHog's project settings`);
  }
  const every = raw.everyMinutes ?? CANARY_DEFAULT_MINUTES;
  if (typeof every !== 'number' || !Number.isInteger(every) || every < 1 || every > 60) {
    problems.push(`monitoring.canary.everyMinutes: ${show(raw.everyMinutes)} must be a whole number of minutes from 1 to 60, e.g. 5`);
  }
  if (raw.capture !== undefined && typeof raw.capture !== 'boolean') {
    problems.push(`monitoring.canary.capture: ${show(raw.capture)} must be true or false`);
  }
  let url: string | null = null;
  if (raw.url !== undefined) {
    let parsed: URL | null = null;
    try {
      parsed = typeof raw.url === 'string' ? new URL(raw.url) : null;
    } catch {
      parsed = null;
    }
    if (parsed === null || parsed.protocol !== 'https:' || parsed.search !== '' || parsed.hash !== '') {
      problems.push(`monitoring.canary.url: ${show(raw.url)} must be the proxy's https:// URL as in api_host, e.g. "https://www.example.com/k7x2"`);
    } else url = parsed.origin + parsed.pathname.replace(/\/+$/, '');
  } else if (attach) {
    problems.push('monitoring.canary.url is missing; in attach mode the canary cannot know your site\'s domain: write the proxy URL as in api_host, e.g. "https://www.example.com/k7x2"');
  }
  return { token: raw.token as string, everyMinutes: every as number, capture: raw.capture === true, url };
}

function checkLogs(problems: string[], raw: unknown): { retentionDays: number } | null {
  if (!isObject(raw)) {
    problems.push(`monitoring.logs: ${show(raw)} must be an object such as {"retentionDays": 30}`);
    return null;
  }
  unknownKeys(problems, 'monitoring.logs', raw, ['retentionDays']);
  const days = raw.retentionDays;
  if (!(RETENTION_DAYS as readonly unknown[]).includes(days)) {
    problems.push(`monitoring.logs.retentionDays: ${show(days)} is not a retention CloudWatch Logs accepts; use one of ${RETENTION_DAYS.join(', ')}`);
  }
  return { retentionDays: days as number };
}

/** `attach`: the configuration attaches to an existing distribution (distributionId set). */
export function validateMonitoring(problems: string[], raw: unknown, attach: boolean): MonitoringConfig | null {
  if (raw === undefined) return null;
  if (!isObject(raw)) {
    problems.push(`monitoring: ${show(raw)} must be an object such as {"alarmEmail": "ops@example.com"}`);
    return null;
  }
  unknownKeys(problems, 'monitoring', raw, MONITORING_KEYS);
  if (raw.alarmEmail !== undefined && (typeof raw.alarmEmail !== 'string' || !EMAIL.test(raw.alarmEmail))) {
    problems.push(`monitoring.alarmEmail: ${show(raw.alarmEmail)} is not an e-mail address; write one address such as "ops@example.com"`);
  }
  if (raw.alarmTopicArn !== undefined) {
    const m = typeof raw.alarmTopicArn === 'string' ? TOPIC_ARN.exec(raw.alarmTopicArn) : null;
    if (m === null) problems.push(`monitoring.alarmTopicArn: ${show(raw.alarmTopicArn)} is not an SNS topic ARN; copy it from the SNS console, e.g. "arn:aws:sns:us-east-1:123456789012:ops-alerts"`);
    else if (m[1] !== 'us-east-1') problems.push(`monitoring.alarmTopicArn: the topic is in ${m[1]}, but CloudFront's alarms live in us-east-1 and can only notify a topic there; create the topic in us-east-1`);
  }
  if (raw.alarmEmail !== undefined && raw.alarmTopicArn !== undefined) {
    problems.push('monitoring: alarmEmail and alarmTopicArn are both set; keep alarmEmail (the stack makes a topic) or alarmTopicArn (your topic), not both: subscribe the address to your topic instead');
  }
  return {
    alarmEmail: (raw.alarmEmail as string | undefined) ?? null,
    alarmTopicArn: (raw.alarmTopicArn as string | undefined) ?? null,
    canary: raw.canary === undefined ? null : checkCanary(problems, raw.canary, attach),
    logs: raw.logs === undefined ? null : checkLogs(problems, raw.logs),
  };
}
