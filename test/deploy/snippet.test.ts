/**
 * `posthog-cloudfront snippet`: the CloudFormation output validated against the resource schema inside a
 * site's own template, its references checked against what the proxy stack really outputs and exports, its
 * origins and behaviors checked against the proxy's own template; the Terraform JSON checked structurally.
 * The CDK output is compiled and synthesized in snippet-cdk.slow.test.ts.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { cloudFormationResources } from '../../src/deploy/cloudformation-resources.ts';
import { LOGICAL_IDS, OUTPUT_KEYS, resourceNames } from '../../src/deploy/resource-names.ts';
import { cloudFormationSnippet } from '../../src/deploy/snippet/snippet-cloudformation.ts';
import { SnippetError } from '../../src/deploy/snippet/snippet-errors.ts';
import { snippetModel } from '../../src/deploy/snippet/snippet-model.ts';
import { terraformDataName, terraformSnippet } from '../../src/deploy/snippet/snippet-terraform.ts';
import { STABLE_OUTPUTS } from '../../src/deploy/stack-exports.ts';
import { distributionLayout } from '../../src/distribution/distribution-layout.ts';
import { FIXTURES, REPO_ROOT } from '../support/fixtures.ts';
import { schemaProblems } from './cfn-schema.ts';
import { attachConfigNames, deployConfigPath, sharedConfigPath } from './deploy-fixtures.ts';

const configs = [
  ['prefixed', sharedConfigPath('prefixed')],
  ['new-eu-prefixed', deployConfigPath('new-eu-prefixed')],
  ...attachConfigNames().map((n) => [n, deployConfigPath(n)] as const),
] as const;
const siteTemplate = () => JSON.parse(readFileSync(join(FIXTURES, 'deploy/site-stacks/site-template.json'), 'utf8'));
const VERSION = { Ref: 'OriginResponseLambdaVersionAbc' };
/** The proxy stack for the same configuration, as it would deploy for stage prod. */
const proxyStack = (file: string) => cloudFormationResources({ ...loadConfig(file), distributionId: null }, { names: resourceNames('prod'), viewerRequestCode: 'x', originResponseVersionArn: VERSION });

/** Every intrinsic the snippet uses, found anywhere in a value. */
function intrinsics(value: unknown, name: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => intrinsics(v, name));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return name in record ? [record[name]] : Object.values(record).flatMap((v) => intrinsics(v, name));
}

describe('snippet --format cloudformation', () => {
  it.each(configs)('%s: pasted into a site template, the distribution matches its CloudFormation schema', (_, file) => {
    // Prepare
    const template = siteTemplate();
    const dc = template.Resources.SiteDistribution.Properties.DistributionConfig;
    // Act
    const snippet = cloudFormationSnippet(snippetModel(loadConfig(file), { stage: 'prod' }));
    dc.Origins.push(...snippet.Origins);
    dc.CacheBehaviors.unshift(...snippet.CacheBehaviors);
    // Assess
    expect(schemaProblems('SiteDistribution', template.Resources.SiteDistribution)).toEqual([]);
  });

  it.each(configs)('%s: every reference names an output (and, for imports, an export) the proxy stack has', (_, file) => {
    // Prepare
    const { Outputs } = proxyStack(file);
    const exportNames = Object.values(Outputs).flatMap((o) => (o.Export ? [(o.Export.Name as { 'Fn::Sub': string })['Fn::Sub'].replace('${AWS::StackName}', 'posthog-proxy-prod')] : []));
    // Act
    const snippet = cloudFormationSnippet(snippetModel(loadConfig(file), { stage: 'prod' }));
    // Assess
    const imports = intrinsics(snippet, 'Fn::ImportValue') as string[];
    const outputs = intrinsics(snippet, 'Fn::GetStackOutput') as Array<{ StackName: string; OutputName: string; Region: string }>;
    expect(imports.length).toBeGreaterThan(0);
    for (const name of imports) expect(exportNames).toContain(name);
    for (const name of imports) expect(STABLE_OUTPUTS.map((k) => `posthog-proxy-prod-${k}`)).toContain(name);
    for (const o of outputs) {
      expect([o.StackName, o.Region]).toEqual(['posthog-proxy-prod', 'us-east-1']);
      expect(Object.keys(Outputs)).toContain(o.OutputName);
    }
    // What changes with a deploy is never imported (an import would block the proxy's next deploy).
    expect(outputs.map((o) => o.OutputName)).toEqual(expect.arrayContaining([OUTPUT_KEYS.originResponseVersionArn, OUTPUT_KEYS.viewerRequestFunctionArn]));
  });

  it.each(configs)('%s: origins and behaviors are the proxy template\'s own, field for field, with references for ids', (_, file) => {
    // Prepare: the proxy's new-distribution template, whose ids are Refs to its own resources.
    const dc = proxyStack(file).Resources[LOGICAL_IDS.distribution].Properties.DistributionConfig as Record<string, any>;
    const resolve = (value: unknown): unknown => JSON.parse(JSON.stringify(value), (_k, v) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        if ('Fn::ImportValue' in v) return `out:${(v['Fn::ImportValue'] as string).replace('posthog-proxy-prod-', '')}`;
        if ('Fn::GetStackOutput' in v) return `out:${v['Fn::GetStackOutput'].OutputName}`;
        if ('Ref' in v) return { [LOGICAL_IDS.cachePolicy]: 'out:CachePolicyId', [LOGICAL_IDS.originRequestPolicy]: 'out:OriginRequestPolicyId', OriginResponseLambdaVersionAbc: 'out:OriginResponseVersionArn' }[v.Ref as string] ?? v;
        if ('Fn::GetAtt' in v) return 'out:ViewerRequestFunctionArn';
      }
      return v;
    });
    // Act
    const snippet = resolve(cloudFormationSnippet(snippetModel(loadConfig(file), { stage: 'prod' }))) as Record<string, any>;
    // Assess
    const mainId = distributionLayout(loadConfig(file)).origins.find((o) => o.upstream === 'main')!.id;
    const origins = (resolve(dc.Origins) as any[]).map((o) => ({ ...o, DomainName: o.Id === mainId ? 'out:MainOriginDomain' : 'out:AssetsOriginDomain' }));
    expect(snippet.Origins).toEqual(origins);
    expect(snippet.CacheBehaviors).toEqual(resolve(dc.CacheBehaviors));
  });

  it('from a stack in another Region every id is read with Fn::GetStackOutput (imports are same-Region only)', () => {
    // Act
    const snippet = cloudFormationSnippet(snippetModel(loadConfig(sharedConfigPath('prefixed')), { stage: 'prod', consumerRegion: 'eu-west-1' }));
    // Assess
    expect(intrinsics(snippet, 'Fn::ImportValue')).toEqual([]);
    expect(new Set((intrinsics(snippet, 'Fn::GetStackOutput') as any[]).map((o) => o.OutputName)).size).toBe(6);
  });

  it('refuses a configuration without pathPrefix: the behaviors sit beside the site\'s', () => {
    expect(() => snippetModel(loadConfig(sharedConfigPath('default')), { stage: 'prod' })).toThrow(SnippetError);
    expect(() => snippetModel(loadConfig(sharedConfigPath('default')), { stage: 'prod' })).toThrow(/pathPrefix/);
  });
});

/** Attributes of aws_cloudfront_distribution's blocks (Terraform AWS provider docs); required ones marked. */
const TF_ORIGIN = { required: ['domain_name', 'origin_id'], optional: ['connection_attempts', 'connection_timeout', 'custom_origin_config', 'custom_header', 'origin_path', 'origin_shield', 's3_origin_config', 'origin_access_control_id', 'vpc_origin_config'] };
const TF_CUSTOM_ORIGIN = { required: ['http_port', 'https_port', 'origin_protocol_policy', 'origin_ssl_protocols'], optional: ['origin_read_timeout', 'origin_keepalive_timeout'] };
const TF_BEHAVIOR = {
  required: ['allowed_methods', 'cached_methods', 'path_pattern', 'target_origin_id', 'viewer_protocol_policy'],
  optional: ['cache_policy_id', 'compress', 'default_ttl', 'field_level_encryption_id', 'forwarded_values', 'function_association', 'lambda_function_association', 'max_ttl', 'min_ttl', 'origin_request_policy_id', 'realtime_log_config_arn', 'response_headers_policy_id', 'smooth_streaming', 'trusted_key_groups', 'trusted_signers', 'grpc_config'],
};
const TF_FUNCTION = { required: ['event_type', 'function_arn'], optional: [] };
const TF_LAMBDA = { required: ['event_type', 'lambda_arn'], optional: ['include_body'] };

function blockProblems(value: Record<string, unknown>, spec: { required: string[]; optional: string[] }, path: string): string[] {
  return [
    ...spec.required.filter((k) => !(k in value)).map((k) => `${path}.${k}: required`),
    ...Object.keys(value).filter((k) => !spec.required.includes(k) && !spec.optional.includes(k)).map((k) => `${path}.${k}: not an attribute`),
  ];
}

describe('snippet --format terraform (JSON syntax)', () => {
  it.each(configs)('%s: only data and locals, blocks shaped like aws_cloudfront_distribution\'s, references to the declared data source', (_, file) => {
    // Act
    const tf = terraformSnippet(snippetModel(loadConfig(file), { stage: 'prod' })) as any;
    // Assess
    expect(Object.keys(tf).sort()).toEqual(['//', 'data', 'locals']);
    const data = tf.data.aws_cloudformation_stack[terraformDataName('posthog-proxy-prod')];
    expect(data).toEqual({ provider: 'aws.us_east_1', name: 'posthog-proxy-prod' });
    const problems = [
      ...tf.locals.posthog_proxy_origins.flatMap((o: any, i: number) => [
        ...blockProblems(o, TF_ORIGIN, `origin[${i}]`), ...blockProblems(o.custom_origin_config, TF_CUSTOM_ORIGIN, `origin[${i}].custom_origin_config`),
        ...o.custom_header.flatMap((h: any, j: number) => blockProblems(h, { required: ['name', 'value'], optional: [] }, `origin[${i}].custom_header[${j}]`)),
      ]),
      ...tf.locals.posthog_proxy_ordered_cache_behaviors.flatMap((b: any, i: number) => [
        ...blockProblems(b, TF_BEHAVIOR, `ordered_cache_behavior[${i}]`),
        ...b.function_association.flatMap((f: any) => blockProblems(f, TF_FUNCTION, `ordered_cache_behavior[${i}].function_association`)),
        ...b.lambda_function_association.flatMap((l: any) => blockProblems(l, TF_LAMBDA, `ordered_cache_behavior[${i}].lambda_function_association`)),
      ]),
    ];
    expect(problems).toEqual([]);
    // Every interpolation reads an output of the declared stack that the proxy stack has.
    const outputs = Object.keys(proxyStack(file).Outputs);
    const refs = [...JSON.stringify(tf.locals).matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1].replace(/\\"/g, '"'));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const m = /^data\.aws_cloudformation_stack\.(\w+)\.outputs\["(\w+)"\]$/.exec(ref);
      expect(m, ref).not.toBeNull();
      expect([m![1] in tf.data.aws_cloudformation_stack, outputs.includes(m![2])]).toEqual([true, true]);
    }
    // Behaviors point at the snippet's own origins, most specific first.
    const ids = tf.locals.posthog_proxy_origins.map((o: any) => o.origin_id);
    for (const b of tf.locals.posthog_proxy_ordered_cache_behaviors) expect(ids).toContain(b.target_origin_id);
    expect(tf.locals.posthog_proxy_ordered_cache_behaviors.at(-1).path_pattern).toBe(`${loadConfig(file).pathPrefix}/*`);
  });
});

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('posthog-cloudfront snippet (the command)', () => {
  const cli = async (args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'snippet-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'posthog-proxy.config.json'), JSON.stringify({ region: 'eu', pathPrefix: '/k7x2' }));
    try {
      const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, 'bin/posthog-cloudfront.mjs'), 'snippet', ...args], { cwd: dir });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it.each([
    [['--format', 'cloudformation', '--stage', 'prod'], 0, 'posthog-proxy-prod-CachePolicyId'],
    [['--format', 'terraform', '--stage', 'staging'], 0, 'data.aws_cloudformation_stack.posthog_proxy_staging'],
    [['--format', 'cdk', '--stack', 'my-proxy'], 0, 'Fn.importValue("my-proxy-CachePolicyId")'],
    [['--format', 'yaml'], 2, 'unknown format "yaml"'],
    [[], 2, 'which format?'],
    [['--format', 'cdk', '--region', 'Europe'], 2, 'not an AWS Region name'],
  ])('%j exits %i and prints %s', async (args, code, text) => {
    // Act
    const result = await cli(args);
    // Assess
    expect(result.code).toBe(code);
    expect(result.stdout + result.stderr).toContain(text);
  }, 30_000);

  it('prints output that parses: JSON for cloudformation and terraform, guidance on stderr only', async () => {
    for (const format of ['cloudformation', 'terraform']) {
      const { stdout, stderr } = await cli(['--format', format, '--stage', 'prod']);
      expect(() => JSON.parse(stdout)).not.toThrow();
      expect(stderr).toMatch(/Save as|Add "Origins"/);
    }
  }, 30_000);
});

describe('docs/lifecycle.md: the Terraform dynamic blocks read exactly what the JSON snippet declares', () => {
  it('every attribute the HCL reads exists in the locals, and every attribute of the locals is read', () => {
    // Prepare
    const doc = readFileSync(join(REPO_ROOT, 'docs/lifecycle.md'), 'utf8');
    const hcl = /```hcl\n([\s\S]*?)```/.exec(doc)![1];
    const tf = terraformSnippet(snippetModel(loadConfig(sharedConfigPath('prefixed')), { stage: 'prod' })) as any;
    // Nested objects are blocks read as `<block>.value.<k>.<n>`; lists of objects are nested dynamic blocks
    // read as `<k>.value.<n>`; everything else is a leaf `<block>.value.<k>`.
    const isBlockList = (k: string, items: Record<string, unknown>[]) => items.some((i) => Array.isArray(i[k]) && (i[k] as unknown[]).some((x) => x !== null && typeof x === 'object'));
    const keysOf = (items: Record<string, unknown>[], block: string) => new Set(items.flatMap((item) => Object.entries(item).flatMap(([k, v]) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).map((n) => `${block}.${k}.${n}`)
        : isBlockList(k, items) ? (v as Record<string, unknown>[]).flatMap((x) => Object.keys(x).map((n) => `${k}.${n}`)) : [`${block}.${k}`])));
    const declared = new Set([
      ...keysOf(tf.locals.posthog_proxy_origins, 'origin'),
      ...keysOf(tf.locals.posthog_proxy_ordered_cache_behaviors, 'ordered_cache_behavior'),
    ]);
    // Act: `origin.value.x`, `origin.value.custom_origin_config.y`, `custom_header.value.name`, ...
    const read = new Set([...hcl.matchAll(/\b(\w+)\.value\.([\w.]+)/g)].map((m) => `${m[1]}.${m[2]}`));
    const iterated = [...hcl.matchAll(/for_each = (\w+)\.value\.(\w+)/g)].map((m) => `${m[1]}.${m[2]}`);
    // Assess
    const leaves = [...read].filter((r) => !iterated.includes(r));
    expect([...declared].filter((d) => !leaves.includes(d))).toEqual([]);
    expect(leaves.filter((r) => !declared.has(r))).toEqual([]);
    expect(hcl).toContain('for_each = local.posthog_proxy_origins');
    expect(hcl).toContain('for_each = local.posthog_proxy_ordered_cache_behaviors');
  });
});
