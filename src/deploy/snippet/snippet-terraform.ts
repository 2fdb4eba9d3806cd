/**
 * The snippet in Terraform's JSON syntax (a `posthog-proxy.tf.json` file): a data source reading the proxy
 * stack's outputs (always current at plan time, no export lock, from any Region through a us-east-1 provider
 * alias) and two locals, the origins and the ordered cache behaviors, shaped like the `origin` and
 * `ordered_cache_behavior` blocks of `aws_cloudfront_distribution`; docs/lifecycle.md shows the two `dynamic`
 * blocks that put them into the user's distribution.
 */
import type { OutputRef, SnippetModel } from './snippet-model.ts';

/** The provider alias the data source uses: the proxy stack is in us-east-1. */
export const TERRAFORM_PROVIDER = 'aws.us_east_1';

export function terraformDataName(stackName: string): string {
  return stackName.replace(/[^A-Za-z0-9_]/g, '_');
}

export function terraformSnippet(model: SnippetModel): Record<string, unknown> {
  const data = terraformDataName(model.stackName);
  const out = (ref: OutputRef) => `\${data.aws_cloudformation_stack.${data}.outputs["${ref.outputKey}"]}`;
  const c = model.connection;
  return {
    '//': `PostHog proxy ${model.stackName}: origins and behaviors for your aws_cloudfront_distribution (docs/lifecycle.md). Needs provider "aws" with alias "us_east_1" (region us-east-1).`,
    data: { aws_cloudformation_stack: { [data]: { provider: TERRAFORM_PROVIDER, name: model.stackName } } },
    locals: {
      posthog_proxy_origins: model.origins.map((o) => ({
        origin_id: o.id,
        domain_name: out(o.domainName),
        connection_attempts: c.connectionAttempts,
        connection_timeout: c.connectionTimeoutSeconds,
        custom_origin_config: {
          http_port: c.httpPort,
          https_port: c.httpsPort,
          origin_protocol_policy: c.protocolPolicy,
          origin_ssl_protocols: [...c.sslProtocols],
          origin_read_timeout: c.readTimeoutSeconds,
          origin_keepalive_timeout: c.keepaliveTimeoutSeconds,
        },
        custom_header: Object.entries(o.customHeaders).map(([name, value]) => ({ name, value })),
      })),
      posthog_proxy_ordered_cache_behaviors: model.behaviors.map((b) => ({
        path_pattern: b.pathPattern,
        target_origin_id: b.originId,
        viewer_protocol_policy: model.viewerProtocolPolicy,
        allowed_methods: [...b.allowedMethods],
        cached_methods: [...b.cachedMethods],
        compress: true,
        cache_policy_id: out(model.cachePolicyId),
        origin_request_policy_id: out(model.originRequestPolicyId),
        function_association: [{ event_type: 'viewer-request', function_arn: out(model.viewerRequestFunctionArn) }],
        lambda_function_association: b.originResponse ? [{ event_type: 'origin-response', lambda_arn: out(b.originResponse), include_body: false }] : [],
      })),
    },
  };
}

export function renderTerraform(model: SnippetModel): string {
  return `${JSON.stringify(terraformSnippet(model), null, 2)}\n`;
}
