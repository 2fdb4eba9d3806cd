/** `posthog-cloudfront init`: flags and answers to the file it writes, the random prefix, no overwrite. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { command as init } from '../../src/cli/commands/init.ts';
import { randomPrefix } from '../../src/cli/init-config.ts';
import { AD_BLOCKED_SEGMENTS } from '../../src/config/config-schema.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { capturedDeps } from '../support/command-deps.ts';

const dir = mkdtempSync(join(tmpdir(), 'init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `config-${n++}.json`);

describe('posthog-cloudfront init', () => {
  it.each([
    ['flags for scripts', ['--region', 'eu', '--site', 'https://example.com', '--yes'], [], { region: 'eu', allowedOrigins: ['https://example.com'] }],
    ['sites become origins, deduplicated', ['--yes', '--site', 'example.com/shop', '--site', 'https://example.com'], [], { region: 'us', allowedOrigins: ['https://example.com'] }],
    ['self-hosted by flag', ['--host', 'posthog.example.com', '--yes', '--prefix', '/zz9'], [], { upstream: { apiHost: 'posthog.example.com' }, pathPrefix: '/zz9' }],
    ['answers: self-hosted, existing distribution, two sites', [], ['https://posthog.example.com/', 'E2QWRUHAPOMQZL', 'https://a.example, https://b.example'], { upstream: { apiHost: 'posthog.example.com' }, distributionId: 'E2QWRUHAPOMQZL', allowedOrigins: ['https://a.example', 'https://b.example'] }],
    ['answers: all defaults', [], ['', '', ''], { region: 'us' }],
  ] as const)('%s', async (_name, argv, answers, expected) => {
    // Prepare
    const file = fresh();
    const { deps, out } = capturedDeps({ answers: [...answers] });
    // Act
    const code = await init([...argv, '--config', file], deps);
    // Assess: the file holds the expected keys, a $schema line and a prefix, and loads as the build loads it.
    expect(code).toBe(0);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toMatchObject(expected);
    expect(written.$schema).toMatch(/posthog-proxy\.config\.schema\.json$/);
    expect(written.pathPrefix).toMatch(/^\/[a-z0-9]+$/);
    if (!('allowedOrigins' in expected)) expect(written.allowedOrigins).toBeUndefined();
    expect(() => loadConfig(file)).not.toThrow();
    expect(out.join('\n')).toMatch(/Next:\n {2}npx posthog-cloudfront dev --config .*\n {2}npx serverless deploy --stage prod/);
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const file = fresh();
    writeFileSync(file, '{"region":"us"}');
    await expect(init(['--yes', '--config', file], capturedDeps().deps)).rejects.toMatchObject({ message: expect.stringContaining('pass --force to overwrite it') });
    expect(readFileSync(file, 'utf8')).toBe('{"region":"us"}');
    expect(await init(['--yes', '--force', '--region', 'eu', '--config', file], capturedDeps().deps)).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).region).toBe('eu');
  });

  it.each([
    [['--region', 'ap', '--yes'], '--region "ap": use us or eu'],
    [['--region', 'eu', '--host', 'p.example.com', '--yes'], '--region and --host: pass one'],
    [['--site', 'https://', '--yes'], 'is not a site'],
    [['--distribution-id', 'nope', '--yes'], 'is not a CloudFront distribution id'],
  ])('%j is refused before a file is written: %s', async (argv, message) => {
    const file = fresh();
    await expect(init([...argv, '--config', file], capturedDeps().deps)).rejects.toMatchObject({ message: expect.stringContaining(message) });
    expect(existsSync(file)).toBe(false);
  });

  it('the random prefix never holds a word ad-blocker lists match', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 40, maxLength: 40 }), (numbers) => {
        let i = 0;
        const prefix = randomPrefix(() => numbers[i++ % numbers.length]);
        expect(prefix).toMatch(/^\/[a-z][a-z0-9]{3}$/);
        for (const word of AD_BLOCKED_SEGMENTS) expect(prefix).not.toContain(word);
      }),
    );
  });
});
