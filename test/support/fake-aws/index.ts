/**
 * An in-process fake of the AWS APIs this project calls, on 127.0.0.1, reached by the real AWS SDK v3
 * clients through the SDK's standard per-service endpoint variables (AWS_ENDPOINT_URL_<SERVICE>), so
 * requests go through the SDK's own serialization, signing, error parsing and retries.
 *
 * Usage:
 *
 *   const aws = await startFakeAws();            // CloudFront, CloudFormation and Lambda
 *   const restore = aws.useEnv();                // sets process.env (endpoints, fake credentials, region)
 *   const id = await aws.seedDistribution(config, { 'aws:cloudformation:stack-name': 'site' });
 *   aws.cloudFormation.putStack({ name: 'posthog-proxy-prod', status: 'UPDATE_COMPLETE', outputs: {...} });
 *   ... run the command under test (it constructs its own clients; they read the variables) ...
 *   const config = await aws.distributionConfig(id);   // read back through the SDK
 *   expect(aws.operations('CLOUDFRONT')).not.toContain('UpdateDistribution');
 *   restore(); await aws.stop();
 *
 * In a test file, `useFakeAws((started) => (aws = started))` (use-fake-aws.ts) does the start, useEnv, restore
 * and stop around the file's tests.
 *
 * For a child process pass `aws.env` as its environment (merged over process.env).
 *
 * Adding a service (CloudWatch, CloudWatch Logs, ...): implement FakeService (fake-service.ts): an `envKey`
 * (the client's serviceId upper-cased, spaces as underscores: CLOUDWATCH, CLOUDWATCH_LOGS) and a
 * `handle(request)` that answers in that service's protocol (awsJson1_0 for CloudWatch, awsJson1_1 for
 * CloudWatch Logs: POST /, the operation in the `x-amz-target` header, JSON errors with `__type`). Pass it in
 * `startFakeAws({ services: [new FakeCloudWatch()] })` or `await aws.addService(...)`; it gets its own port
 * and its AWS_ENDPOINT_URL_<envKey> entry in `aws.env` (call useEnv() after adding it).
 *
 * The fakes answer as the AWS documentation says, including what makes real deploys fail: ETag / If-Match
 * and PreconditionFailed, method lists in CloudFront's own order, quotas, Lambda@Edge replicas. What each
 * fake checks is listed at the top of its module.
 */
import { CloudFrontClient, CreateDistributionWithTagsCommand, GetDistributionConfigCommand, type DistributionConfig } from '@aws-sdk/client-cloudfront';
import { FakeCloudFormation } from './fake-cloudformation.ts';
import { FakeCloudFront } from './fake-cloudfront.ts';
import { FakeLambda } from './fake-lambda.ts';
import { serve, type RunningService } from './fake-server.ts';
import type { FakeCall, FakeService } from './fake-service.ts';

export type { FakeCall, FakeRequest, FakeResponse, FakeService } from './fake-service.ts';
export { ACCOUNT_ID, CLOUDFRONT_METHOD_ORDER, FakeCloudFront } from './fake-cloudfront.ts';
export { FakeCloudFormation, type FakeStack } from './fake-cloudformation.ts';
export { FakeLambda } from './fake-lambda.ts';
export { FakeCloudWatch, type FakeAlarm, type FakeMetricPoint } from './fake-cloudwatch.ts';
export { FakeCloudWatchLogs } from './fake-cloudwatch-logs.ts';

export const FAKE_CREDENTIALS = { accessKeyId: 'AKIDFAKEAWS0000000', secretAccessKey: 'fake-secret' } as const;

export interface FakeAws {
  cloudFront: FakeCloudFront;
  cloudFormation: FakeCloudFormation;
  lambda: FakeLambda;
  /** Every request answered, in order. */
  calls: FakeCall[];
  /** AWS_ENDPOINT_URL_<SERVICE> for each service, fake credentials, AWS_REGION=us-east-1. */
  env: Record<string, string>;
  /** Sets `env` on process.env (and clears variables that would send the SDK elsewhere); returns the undo. */
  useEnv(): () => void;
  addService(service: FakeService): Promise<string>;
  /** Operation names of the calls to one service (by envKey), in order. */
  operations(envKey?: string): string[];
  /** Creates a distribution through the SDK (CreateDistributionWithTags); returns its id. */
  seedDistribution(config: DistributionConfig, tags?: Record<string, string>): Promise<string>;
  /** GetDistributionConfig through the SDK. */
  distributionConfig(id: string): Promise<{ config: DistributionConfig; etag: string }>;
  stop(): Promise<void>;
}

/** Variables that would override or bypass the per-service endpoints, or read real credentials. */
const CLEARED = ['AWS_ENDPOINT_URL', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_PROFILE'];

export async function startFakeAws(options: { services?: FakeService[] } = {}): Promise<FakeAws> {
  const cloudFront = new FakeCloudFront();
  const cloudFormation = new FakeCloudFormation();
  const lambda = new FakeLambda();
  const calls: FakeCall[] = [];
  const running: RunningService[] = [];
  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/fake-aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/fake-aws-credentials',
    AWS_MAX_ATTEMPTS: '2',
  };
  const addService = async (service: FakeService) => {
    const r = await serve(service, calls);
    running.push(r);
    env[`AWS_ENDPOINT_URL_${service.envKey}`] = r.url;
    return r.url;
  };
  for (const s of [cloudFront, cloudFormation, lambda, ...(options.services ?? [])]) await addService(s);

  const client = () => new CloudFrontClient({ region: 'us-east-1', endpoint: env.AWS_ENDPOINT_URL_CLOUDFRONT, credentials: FAKE_CREDENTIALS });
  return {
    cloudFront,
    cloudFormation,
    lambda,
    calls,
    env,
    addService,
    useEnv() {
      const saved = Object.fromEntries([...CLEARED, ...Object.keys(env)].map((k) => [k, process.env[k]]));
      for (const k of CLEARED) delete process.env[k];
      Object.assign(process.env, env);
      return () => {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      };
    },
    operations: (envKey) => calls.filter((c) => envKey === undefined || c.service === envKey).map((c) => c.operation),
    async seedDistribution(config, tags = {}) {
      const Items = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      const out = await client().send(new CreateDistributionWithTagsCommand({ DistributionConfigWithTags: { DistributionConfig: config, Tags: { Items } } }));
      return out.Distribution!.Id!;
    },
    async distributionConfig(id) {
      const out = await client().send(new GetDistributionConfigCommand({ Id: id }));
      return { config: out.DistributionConfig!, etag: out.ETag! };
    },
    async stop() {
      await Promise.all(running.map((r) => r.close()));
    },
  };
}
