/**
 * AWS SDK clients for the commands that call AWS, created on first use: `build`, `dev`, `verify` and every
 * `--help` never load the SDK. Credentials come from the SDK's usual chain (AWS_PROFILE, environment
 * variables, SSO, instance role) or from `--profile`.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaClient } from '@aws-sdk/client-lambda';

export interface AwsClientOptions {
  /** A profile of ~/.aws/config (the `--profile` flag); absent: the SDK's default chain. */
  profile?: string;
  /** Default us-east-1, where CloudFront, Lambda@Edge and the proxy's stack live. */
  region?: string;
}

export interface AwsClientFactory {
  cloudFront(options?: AwsClientOptions): Promise<CloudFrontClient>;
  cloudFormation(options?: AwsClientOptions): Promise<CloudFormationClient>;
  lambda(options?: AwsClientOptions): Promise<LambdaClient>;
  cloudWatch(options?: AwsClientOptions): Promise<CloudWatchClient>;
  cloudWatchLogs(options?: AwsClientOptions): Promise<CloudWatchLogsClient>;
}

/**
 * The SDK warns on every run under Node 20 ("versions published after the first week of January 2027 will
 * require node >=22"). Node 20 is supported here (package.json engines), so the warning is switched off
 * with the variable the SDK itself checks (@aws-sdk/core, emitWarningIfUnsupportedVersion), unless the
 * user set it. Must run before the first client is constructed.
 */
export function silenceNodeVersionWarning(env: Record<string, string | undefined> = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

function config(options: AwsClientOptions = {}) {
  silenceNodeVersionWarning();
  return { region: options.region ?? 'us-east-1', ...(options.profile ? { profile: options.profile } : {}) };
}

/** The real clients, each SDK package imported on first use. */
export const sdkClients: AwsClientFactory = {
  async cloudFront(options) {
    const { CloudFrontClient } = await import('@aws-sdk/client-cloudfront');
    return new CloudFrontClient(config(options));
  },
  async cloudFormation(options) {
    const { CloudFormationClient } = await import('@aws-sdk/client-cloudformation');
    return new CloudFormationClient(config(options));
  },
  async lambda(options) {
    const { LambdaClient } = await import('@aws-sdk/client-lambda');
    return new LambdaClient(config(options));
  },
  async cloudWatch(options) {
    const { CloudWatchClient } = await import('@aws-sdk/client-cloudwatch');
    return new CloudWatchClient(config(options));
  },
  async cloudWatchLogs(options) {
    const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
    return new CloudWatchLogsClient(config(options));
  },
};

/** For tests: a factory handing out the given clients, failing loudly for one a test did not provide. */
export function givenClients(clients: Partial<{ cloudFront: CloudFrontClient; cloudFormation: CloudFormationClient; lambda: LambdaClient; cloudWatch: CloudWatchClient; cloudWatchLogs: CloudWatchLogsClient }>): AwsClientFactory {
  const pick = <K extends keyof typeof clients>(key: K) => async () => {
    const client = clients[key];
    if (!client) throw new Error(`the test gave no ${key} client`);
    return client as NonNullable<(typeof clients)[K]>;
  };
  return { cloudFront: pick('cloudFront'), cloudFormation: pick('cloudFormation'), lambda: pick('lambda'), cloudWatch: pick('cloudWatch'), cloudWatchLogs: pick('cloudWatchLogs') };
}
