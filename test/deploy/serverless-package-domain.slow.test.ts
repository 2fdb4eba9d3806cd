/**
 * `npx serverless package` (osls, offline, no credentials) with a `domain` configuration, both ways: the
 * compiled template holds the names, the certificate and the records, and every resource the proxy adds
 * matches its CloudFormation schema. A temporary service directory per run, as in serverless-package.test.ts.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CERTIFICATE_LOGICAL_ID } from '../../src/deploy/domain-resources.ts';
import { LOGICAL_IDS, OUTPUT_KEYS } from '../../src/deploy/resource-names.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { schemaProblems } from './cfn-schema.ts';
import { deployConfigPath } from './deploy-fixtures.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function packageWith(configFile: string) {
  const dir = mkdtempSync(join(tmpdir(), 'posthog-proxy-sls-domain-'));
  dirs.push(dir);
  for (const name of ['src', 'functions', 'node_modules', 'package.json', 'tsconfig.json']) symlinkSync(join(REPO_ROOT, name), join(dir, name));
  copyFileSync(join(REPO_ROOT, 'serverless.yml'), join(dir, 'serverless.yml'));
  copyFileSync(configFile, join(dir, 'proxy.config.json'));
  const env = { PATH: process.env.PATH!, HOME: dir, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_SDK_LOAD_CONFIG: '0' };
  await run(join(REPO_ROOT, 'node_modules/.bin/serverless'), ['package', '--stage', 'ci', '--param=config=proxy.config.json'], { cwd: dir, env, timeout: 120_000 });
  return JSON.parse(readFileSync(join(dir, '.serverless/cloudformation-template-update-stack.json'), 'utf8'));
}

describe('npx serverless package with a domain (offline, no credentials)', () => {
  it.each([
    ['a Route 53 zone: certificate and records made by the stack', 'new-domain-zone', 1, 4, 'https://t.example.com'],
    ['an existing certificate, DNS elsewhere', 'new-domain-certificate', 0, 0, 'https://t.example.org/k7x2'],
  ])('%s', async (_, fixture, certificates, records, proxyUrl) => {
    // Act
    const template = await packageWith(deployConfigPath(fixture));
    // Assess
    const resources = template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
    const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
    expect(ofType('AWS::CertificateManager::Certificate')).toHaveLength(certificates);
    expect(ofType('AWS::Route53::RecordSet')).toHaveLength(records);
    const dc = resources[LOGICAL_IDS.distribution].Properties.DistributionConfig as Record<string, any>;
    expect(dc.Aliases[0]).toBe(new URL(proxyUrl).hostname);
    expect(dc.ViewerCertificate.AcmCertificateArn).toEqual(certificates ? { Ref: CERTIFICATE_LOGICAL_ID } : expect.stringMatching(/^arn:aws:acm:us-east-1:/));
    expect(template.Outputs[OUTPUT_KEYS.proxyUrl].Value).toBe(proxyUrl);
    const proxyResources = Object.entries(resources).filter(([id, r]) => id.startsWith('PosthogProxy') || r.Type.startsWith('AWS::Route53') || r.Type.startsWith('AWS::CertificateManager'));
    expect(proxyResources.flatMap(([id, r]) => schemaProblems(id, r))).toEqual([]);
  }, 120_000);
});
