/**
 * `npx serverless package` with bad inputs, as a user runs it: the plugin's errors reach the user as
 * Serverless shows its own (the message after "Error:", exit 1), with no stack frame and no class name.
 * The table is test/fixtures/cli/serverless-bad-inputs.json.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT } from '../support/fixtures.ts';

interface Case {
  name: string;
  config: string | null;
  params: string[];
  message: string;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function serviceDir(configFile: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'posthog-proxy-sls-bad-'));
  dirs.push(dir);
  for (const name of ['src', 'functions', 'node_modules', 'package.json', 'tsconfig.json']) symlinkSync(join(REPO_ROOT, name), join(dir, name));
  copyFileSync(join(REPO_ROOT, 'serverless.yml'), join(dir, 'serverless.yml'));
  if (configFile) copyFileSync(join(REPO_ROOT, configFile), join(dir, 'posthog-proxy.config.json'));
  return dir;
}

function slsPackage(dir: string, params: string[]): Promise<{ code: number; output: string }> {
  const env = { PATH: process.env.PATH!, HOME: dir, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_SDK_LOAD_CONFIG: '0' };
  return new Promise((resolve) => {
    execFile(join(REPO_ROOT, 'node_modules/.bin/serverless'), ['package', '--stage', 'ci', ...params.map((p) => `--param=${p}`)], { cwd: dir, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: stdout + stderr });
    });
  });
}

describe('npx serverless package: bad inputs give the message, not a stack', () => {
  const cases = JSON.parse(readFileSync(join(FIXTURES, 'cli/serverless-bad-inputs.json'), 'utf8')) as Case[];
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    // Act
    const { code, output } = await slsPackage(serviceDir(c.config), c.params);
    // Assess
    expect(code).toBe(1);
    expect(output).toMatch(/Error:\s*\n?posthog-proxy: /);
    expect(output).toContain(c.message);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/\b[A-Z][A-Za-z]*(Error|Exception): /);
  }, 120_000);
});
