/**
 * The validated `monitoring` object of the configuration (validate-monitoring.ts makes it), with every
 * default applied. Absent `monitoring` means no monitoring resources at all.
 */

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy, `retentionInDays`). */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const CANARY_DEFAULT_MINUTES = 5;
/** Retention of the canary's own log group when `logs` is not set. */
export const CANARY_DEFAULT_RETENTION_DAYS = 30;

export interface CanaryConfig {
  /** The project token (phc_...) the checks use. */
  token: string;
  /** 1 to 60; the schedule is `rate(N minutes)`. */
  everyMinutes: number;
  /** Send one `$posthog_cloudfront_canary` event per run. */
  capture: boolean;
  /** The proxy URL (api_host) to check; null: the distribution's URL (new mode only). */
  url: string | null;
}

export interface MonitoringConfig {
  /** Subscribed to an SNS topic the stack creates for every alarm. */
  alarmEmail: string | null;
  /** An existing SNS topic every alarm notifies instead. */
  alarmTopicArn: string | null;
  canary: CanaryConfig | null;
  /** CloudFront standard logs (v2) to CloudWatch Logs with this retention; null: no standard logs. */
  logs: { retentionDays: number } | null;
}
