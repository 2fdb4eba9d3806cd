/** After `serverless deploy`, the plugin prints the exact verify command for the new proxy. */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.ts';
import { afterDeploy } from '../../src/deploy/serverless-hooks.ts';
import { verifyCommandLine } from '../../src/deploy/verify-hint.ts';
import type { FakeAws } from '../support/fake-aws/index.ts';
import { useFakeAws } from '../support/fake-aws/use-fake-aws.ts';
import { deployConfigPath } from './deploy-fixtures.ts';

describe('verifyCommandLine', () => {
  it.each([
    ['any origin', {}, 'https://d1.cloudfront.net', 'npx posthog-cloudfront verify https://d1.cloudfront.net --token <your project API key, phc_...>'],
    ['the first exact allowed origin as --site-origin', { allowedOrigins: ['https://*.example.com', 'https://www.example.com'] }, 'https://t.example.com/k7x2', 'npx posthog-cloudfront verify https://t.example.com/k7x2 --token <your project API key, phc_...> --site-origin https://www.example.com'],
  ])('%s', (_, raw, url, expected) => {
    expect(verifyCommandLine(url, validateConfig(raw))).toBe(expected);
  });
});

describe('afterDeploy prints the verify command (fake AWS API, real SDK)', () => {
  let aws: FakeAws;
  useFakeAws((started) => (aws = started));

  it('a new distribution: the stack\'s ProxyUrl in the command', async () => {
    // Prepare
    aws.cloudFormation.putStack({ name: 'posthog-proxy-prod', status: 'UPDATE_COMPLETE', outputs: { ProxyUrl: 'https://d111111abcdef8.cloudfront.net/k7x2' } });
    const lines: string[] = [];
    // Act
    await afterDeploy({ serviceDir: '/', service: 'posthog-proxy', stage: 'prod', region: 'us-east-1', custom: { config: deployConfigPath('new-eu-prefixed') }, log: (l) => void lines.push(l) });
    // Assess
    expect(lines.join('\n')).toContain('npx posthog-cloudfront verify https://d111111abcdef8.cloudfront.net/k7x2 --token');
  });
});
