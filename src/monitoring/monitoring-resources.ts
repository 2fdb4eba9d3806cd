/**
 * Everything `monitoring` adds to the stack, as a pure function of the configuration: the alarms
 * (alarm-resources.ts), the SNS topic with its e-mail subscription, the distribution's additional metrics
 * (new mode), and CloudFront standard logging (v2) to a CloudWatch Logs group with retention.
 */
import type { ProxyConfig } from '../config/proxy-config.ts';
import type { CfnOutputs, CfnResources, CfnValue } from '../deploy/cloudformation-resources.ts';
import { alarmResources } from './alarm-resources.ts';
import { CANARY_DEFAULT_RETENTION_DAYS } from './monitoring-config.ts';

export const MONITORING_LOGICAL_IDS = {
  alarmTopic: 'PosthogProxyAlarmTopic',
  monitoringSubscription: 'PosthogProxyMonitoringSubscription',
  accessLogGroup: 'PosthogProxyAccessLogGroup',
  accessLogSource: 'PosthogProxyAccessLogSource',
  accessLogDestination: 'PosthogProxyAccessLogDestination',
  accessLogDelivery: 'PosthogProxyAccessLogDelivery',
  /** serverless's names for the `canary` function's resources (function key "canary"). */
  canaryFunction: 'CanaryLambdaFunction',
  canaryLogGroup: 'CanaryLogGroup',
} as const;

export const MONITORING_OUTPUT_KEYS = {
  alarmTopicArn: 'AlarmTopicArn',
  accessLogGroup: 'AccessLogGroup',
} as const;

export interface MonitoringInputs {
  stackName: string;
  /** `{Ref: distribution}` in new mode, the configured id in attach mode. */
  distributionId: CfnValue;
  viewerRequestFunctionName: string;
}

/** `/aws/vendedlogs/` is the prefix AWS recommends for vended logs (CloudWatch Logs User Guide, "Enabling logging from AWS services": it keeps the log group resource policy small). */
export function accessLogGroupName(stackName: string): string {
  return `/aws/vendedlogs/cloudfront/${stackName}`;
}

export function monitoringResources(config: ProxyConfig, inputs: MonitoringInputs): { Resources: CfnResources; Outputs: CfnOutputs } {
  const monitoring = config.monitoring;
  if (monitoring === null) return { Resources: {}, Outputs: {} };
  const ids = MONITORING_LOGICAL_IDS;
  const Resources: CfnResources = {};
  const Outputs: CfnOutputs = {};

  let actions: CfnValue[] = [];
  if (monitoring.alarmEmail !== null) {
    // The address gets a confirmation mail from AWS; no alarm reaches it until the link in it is followed.
    Resources[ids.alarmTopic] = {
      Type: 'AWS::SNS::Topic',
      Properties: {
        TopicName: `${inputs.stackName}-alarms`,
        DisplayName: 'PostHog proxy alarms',
        Subscription: [{ Protocol: 'email', Endpoint: monitoring.alarmEmail }],
      },
    };
    actions = [{ Ref: ids.alarmTopic }];
    Outputs[MONITORING_OUTPUT_KEYS.alarmTopicArn] = { Value: { Ref: ids.alarmTopic }, Description: 'SNS topic of the proxy\'s alarms' };
  } else if (monitoring.alarmTopicArn !== null) {
    actions = [monitoring.alarmTopicArn];
    Outputs[MONITORING_OUTPUT_KEYS.alarmTopicArn] = { Value: monitoring.alarmTopicArn, Description: 'SNS topic of the proxy\'s alarms' };
  }
  Object.assign(Resources, alarmResources(config, { ...inputs, actions }));

  if (config.distributionId === null) {
    // The Lambda@Edge error metrics per distribution exist only with additional metrics, billed as
    // CloudWatch custom metrics (AWS: "Viewing additional CloudFront distribution metrics"; see docs/operate.md
    // for the cost). Not in attach mode: removing the stack would switch off a subscription the owner of the
    // distribution may rely on.
    Resources[ids.monitoringSubscription] = {
      Type: 'AWS::CloudFront::MonitoringSubscription',
      Properties: {
        DistributionId: inputs.distributionId,
        MonitoringSubscription: { RealtimeMetricsSubscriptionConfig: { RealtimeMetricsSubscriptionStatus: 'Enabled' } },
      },
    };
  }

  if (monitoring.logs !== null) {
    // Standard logging (v2): a delivery source (the distribution), a destination (the log group) and the
    // delivery joining them, all in us-east-1 (AWS: CloudFront Developer Guide, "Configure standard logging (v2)").
    const groupName = accessLogGroupName(inputs.stackName);
    Resources[ids.accessLogGroup] = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: groupName, RetentionInDays: monitoring.logs.retentionDays } };
    const sourceName = `${inputs.stackName}-access-logs`.slice(0, 60);
    Resources[ids.accessLogSource] = {
      Type: 'AWS::Logs::DeliverySource',
      Properties: {
        Name: sourceName,
        LogType: 'ACCESS_LOGS',
        ResourceArn: { 'Fn::Sub': ['arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Id}', { Id: inputs.distributionId }] },
      },
    };
    Resources[ids.accessLogDestination] = {
      Type: 'AWS::Logs::DeliveryDestination',
      Properties: { Name: `${inputs.stackName}-access-logs`.slice(0, 60), DestinationResourceArn: { 'Fn::GetAtt': [ids.accessLogGroup, 'Arn'] } },
    };
    Resources[ids.accessLogDelivery] = {
      Type: 'AWS::Logs::Delivery',
      DependsOn: [ids.accessLogSource],
      Properties: { DeliverySourceName: sourceName, DeliveryDestinationArn: { 'Fn::GetAtt': [ids.accessLogDestination, 'Arn'] } },
    };
    Outputs[MONITORING_OUTPUT_KEYS.accessLogGroup] = { Value: groupName, Description: 'CloudWatch Logs group of the CloudFront standard logs' };
  }
  return { Resources, Outputs };
}

/**
 * The canary's own log group (serverless makes it for the function) keeps its lines as long as the access
 * logs, or 30 days: without a retention CloudWatch keeps them forever, billed.
 */
export function withCanaryLogRetention(resources: CfnResources, config: ProxyConfig): CfnResources {
  const group = resources[MONITORING_LOGICAL_IDS.canaryLogGroup];
  if (!config.monitoring?.canary || group === undefined) return resources;
  return {
    ...resources,
    [MONITORING_LOGICAL_IDS.canaryLogGroup]: {
      ...group,
      Properties: { ...group.Properties, RetentionInDays: config.monitoring.logs?.retentionDays ?? CANARY_DEFAULT_RETENTION_DAYS },
    },
  };
}
