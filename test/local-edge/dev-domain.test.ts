/**
 * `posthog-cloudfront dev` with a `domain` configuration: it runs, and says which local URL stands for the
 * real name (the local edge cannot serve it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { domainStandIn } from '../../src/cli/commands/dev.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { deployConfigPath } from '../deploy/deploy-fixtures.ts';
import { startDev } from './dev-process.ts';

describe('posthog-cloudfront dev with a domain', () => {
  it.each([
    ['new-domain-certificate', 'https://t.example.org/k7x2'],
    ['new-domain-zone', 'https://t.example.com'],
    ['new-eu-prefixed', null],
  ])('%s: the stand-in line', (fixture, url) => {
    const line = domainStandIn(loadConfig(deployConfigPath(fixture)), 'http://127.0.0.1:8080/k7x2');
    if (url === null) expect(line).toBeNull();
    else expect(line).toBe(`  domain     ${url} (the deployed proxy URL) is http://127.0.0.1:8080/k7x2 here; the local edge cannot serve the real name or its certificate`);
  });

  it('runs the configuration and prints which local URL stands for the real one', async () => {
    // Prepare
    const out_ = mkdtempSync(join(tmpdir(), 'dev-domain-'));
    const { child, output, exited } = await startDev(['--port', '0', '--out', out_, '--config', deployConfigPath('new-domain-certificate')]);
    const out = output();
    // Act
    const stand = /domain\s+https:\/\/t\.example\.org\/k7x2 \(the deployed proxy URL\) is (http:\/\/127\.0\.0\.1:\d+\/k7x2) here/.exec(out);
    const config = stand ? await fetch(`${stand[1]}/array/phc_test/config.js`) : null;
    child.kill('SIGINT');
    // Assess
    expect(stand, out).not.toBeNull();
    expect(config!.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await exited).toBe(0);
    rmSync(out_, { recursive: true, force: true });
  });
});
