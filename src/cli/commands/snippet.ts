/**
 * `posthog-cloudfront snippet --format cloudformation|terraform|cdk [--stage S]`: prints the proxy's origins
 * and behaviors for a distribution that another stack owns, so that stack owns them too and its next deploy
 * keeps them. Offline: it reads only the configuration; every id is a reference to the proxy stack.
 */
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load-config.ts';
import { renderCdk } from '../../deploy/snippet/snippet-cdk.ts';
import { renderCloudFormation } from '../../deploy/snippet/snippet-cloudformation.ts';
import { snippetModel, type SnippetModel } from '../../deploy/snippet/snippet-model.ts';
import { renderTerraform } from '../../deploy/snippet/snippet-terraform.ts';
import { parseOptions, UsageError, type Command } from '../command.ts';

export const FORMATS: Record<string, { render: (model: SnippetModel) => string; where: string }> = {
  cloudformation: {
    render: renderCloudFormation,
    where: 'Add "Origins" to your AWS::CloudFront::Distribution DistributionConfig.Origins and "CacheBehaviors" at the START of its CacheBehaviors (JSON; a YAML template accepts it as is).',
  },
  terraform: {
    render: renderTerraform,
    where: 'Save as posthog-proxy.tf.json beside your configuration and add the two dynamic blocks of docs/lifecycle.md to your aws_cloudfront_distribution, ahead of your own ordered_cache_behavior blocks.',
  },
  cdk: {
    render: renderCdk,
    where: 'Save as posthog-proxy.ts in your CDK app and call addPosthogProxy(distribution) before adding behaviors of your own.',
  },
};

export const USAGE = `Usage: posthog-cloudfront snippet --format cloudformation|terraform|cdk [--stage STAGE | --stack NAME] [--config FILE] [--region REGION]
Prints the proxy's origins and behaviors for a distribution your own CloudFormation, CDK or Terraform stack owns,
referencing the proxy stack's outputs (deploy it first: npx serverless deploy --stage STAGE).
  --region  Region of the stack you paste it into (default us-east-1); other Regions read every id with Fn::GetStackOutput.`;

export const command: Command = async (argv, deps) => {
  const { values } = parseOptions(argv, {
    format: { type: 'string' },
    config: { type: 'string', default: DEFAULT_CONFIG_FILE },
    stage: { type: 'string', default: 'dev' },
    stack: { type: 'string' },
    region: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    deps.out(USAGE);
    return 0;
  }
  const format = values.format === undefined ? undefined : FORMATS[values.format];
  if (format === undefined) {
    throw new UsageError(`${values.format === undefined ? 'which format?' : `unknown format "${values.format}";`} pass --format cloudformation, --format terraform or --format cdk`);
  }
  if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(values.region)) {
    throw new UsageError(`--region ${values.region} is not an AWS Region name; write e.g. eu-west-1`);
  }
  const model = snippetModel(loadConfig(values.config), {
    stage: values.stage!,
    ...(values.stack ? { stackName: values.stack } : {}),
    ...(values.region ? { consumerRegion: values.region } : {}),
  });
  deps.out(format.render(model).replace(/\n$/, ''));
  deps.err(`\n${format.where}`);
  return 0;
};
