/**
 * Runs the real `serverless package` (osls, offline, no credentials) in a temporary service directory that
 * links to this checkout, so parallel test files never share .serverless/ or dist/.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOriginResponse, ORIGIN_RESPONSE_ENTRY } from '../../src/build/build-functions.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { FUNCTION_STACK_TAG, LOGICAL_IDS, OUTPUT_KEYS } from '../../src/deploy/resource-names.ts';
import { EXPORTED_OUTPUTS } from '../../src/deploy/stack-exports.ts';
import { ORIGIN_RESPONSE_ZIP_ENTRY } from '../../src/deploy/serverless-hooks.ts';
import { zipOneFile } from '../../src/deploy/zip-one-file.ts';
import { schemaProblems } from './cfn-schema.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { onlyZipEntry } from '../support/only-zip-entry.ts';
import { deployConfigPath, sharedConfigPath } from './deploy-fixtures.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A throwaway service directory: serverless.yml and the config copied, the code linked. */
function serviceDir(configFile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'posthog-proxy-sls-'));
  dirs.push(dir);
  for (const name of ['src', 'functions', 'node_modules', 'package.json', 'tsconfig.json']) symlinkSync(join(REPO_ROOT, name), join(dir, name));
  copyFileSync(join(REPO_ROOT, 'serverless.yml'), join(dir, 'serverless.yml'));
  copyFileSync(configFile, join(dir, 'proxy.config.json'));
  return dir;
}

async function slsPackage(dir: string, params: string[]) {
  // No credentials at all, and no home directory state: packaging must not need AWS.
  const env = { PATH: process.env.PATH!, HOME: dir, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_SDK_LOAD_CONFIG: '0' };
  await run(join(REPO_ROOT, 'node_modules/.bin/serverless'), ['package', '--stage', 'ci', ...params.map((p) => `--param=${p}`)], { cwd: dir, env, timeout: 120_000 });
  return JSON.parse(readFileSync(join(dir, '.serverless/cloudformation-template-update-stack.json'), 'utf8'));
}

describe('npx serverless package (offline, no credentials)', () => {
  it.each([
    ['new distribution', sharedConfigPath('prefixed'), [] as string[]],
    ['attach via the configuration file', deployConfigPath('attach-us'), []],
    ['attach via a per-stage --param distributionId', deployConfigPath('new-eu-prefixed'), ['distributionId=E3ABCDEF12345']],
  ])('%s', async (mode, configFile, params) => {
    // Prepare
    const dir = serviceDir(configFile);
    const config = loadConfig(configFile, params.length ? { distributionId: 'E3ABCDEF12345' } : {});
    // Act
    const template = await slsPackage(dir, ['config=proxy.config.json', ...params]);
    // Assess
    const r = template.Resources;
    const fn = r[LOGICAL_IDS.originResponseFunction];
    const handlerFile = ORIGIN_RESPONSE_ENTRY.replace(/\.ts$/, '');
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Handler: `${handlerFile}.handler`, Role: { 'Fn::GetAtt': [LOGICAL_IDS.edgeRole, 'Arn'] } });
    expect(fn.Properties.Environment).toBeUndefined();
    // Redeploy after remove and retry after a failed create: generated name, RetainExceptOnCreate.
    expect([fn.Properties.FunctionName, fn.DeletionPolicy, fn.UpdateReplacePolicy]).toEqual([undefined, 'RetainExceptOnCreate', 'Retain']);
    const [versionId] = Object.keys(r).filter((id) => r[id].Type === 'AWS::Lambda::Version');
    expect(r[versionId].DeletionPolicy).toBe('RetainExceptOnCreate');
    expect(fn.Properties.Tags).toContainEqual({ Key: FUNCTION_STACK_TAG, Value: 'posthog-proxy-ci' });
    // The packaged template as CloudFormation receives it: every resource matches its schema, the ids exported.
    expect(Object.entries(r as Record<string, { Type: string; Properties: Record<string, unknown> }>).flatMap(([id, res]) => schemaProblems(id, res))).toEqual([]);
    for (const key of EXPORTED_OUTPUTS) expect(template.Outputs[key].Export).toEqual({ Name: { 'Fn::Sub': `\${AWS::StackName}-${key}` } });
    expect(template.Outputs[OUTPUT_KEYS.originResponseVersionArn].Value).toEqual({ Ref: versionId });
    // What ships is what the build gives for this configuration (the tested artifacts).
    const viewerCode = readFileSync(join(dir, 'dist/viewer-request.js'), 'utf8');
    expect(r[LOGICAL_IDS.viewerRequestFunction].Properties.FunctionCode).toBe(viewerCode);
    expect(viewerCode).toContain(`prefix:${JSON.stringify(config.pathPrefix)}`);
    expect(Boolean(r[LOGICAL_IDS.distribution])).toBe(mode === 'new distribution');
    if (mode !== 'new distribution') expect(template.Outputs[OUTPUT_KEYS.distributionId].Value).toBe(config.distributionId);
    else expect(r[LOGICAL_IDS.distribution].Properties.DistributionConfig.CacheBehaviors[0].LambdaFunctionAssociations[0].LambdaFunctionARN).toEqual({ Ref: versionId });
    const zip = readFileSync(join(dir, '.serverless/originResponse.zip'));
    const entry = onlyZipEntry(zip);
    // serverless-esbuild (serverless.yml's plugins, custom.esbuild.config) bundled the function and zipped it: the
    // zip's only file, at the handler's path with the .mjs Lambda loads, is byte for byte the project's build.
    expect(entry.name).toBe(`${handlerFile}.mjs`);
    const built = Buffer.from(await buildOriginResponse(config));
    expect(entry.data.length).toBe(built.length);
    expect(entry.data.equals(built)).toBe(true);
    // ...in serverless-esbuild's zip, not the one the plugin writes when no bundler plugin is listed.
    expect(zip.equals(zipOneFile(ORIGIN_RESPONSE_ZIP_ENTRY, built))).toBe(false);
    expect(readFileSync(join(dir, 'dist/origin-response.mjs')).equals(built)).toBe(true);
  }, 120_000);
});
