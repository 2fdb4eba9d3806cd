/**
 * `posthog-cloudfront dev` as a user runs it: it prints the edge, demo and mock URLs, they answer, and
 * SIGINT (Ctrl-C) closes everything and exits 0.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fixtures.ts';
import { startDev } from './dev-process.ts';

describe('posthog-cloudfront dev', () => {
  it('starts the edge, the demo site and the mock, then stops cleanly on SIGINT', async () => {
    // Prepare: its own --out, so dist/ stays what the default configuration builds.
    const out_ = mkdtempSync(join(tmpdir(), 'dev-command-'));
    const { child, output, exited } = await startDev(['--port', '0', '--out', out_, '--config', join(REPO_ROOT, 'test/fixtures/configs/prefixed.json')]);
    const out = output();

    // Act
    const edge = /edge\s+(http:\/\/127\.0\.0\.1:\d+\/k7x2)/.exec(out)![1];
    const demo = /demo site\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];
    const config = await fetch(`${edge}/array/phc_test/config.js`);
    const page = await (await fetch(demo)).text();
    child.kill('SIGINT');

    // Assess
    expect(config.headers.get('cache-control')).toBe('public, max-age=300');
    expect(page).toContain(JSON.stringify(edge));
    expect(await exited).toBe(0);
    expect(output()).toContain('stopped');
    expect(existsSync(join(out_, 'viewer-request.js'))).toBe(true);
    rmSync(out_, { recursive: true, force: true });
  });
});
