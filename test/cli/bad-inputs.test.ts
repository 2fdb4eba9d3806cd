/**
 * Bad inputs as a user types them, run as real `posthog-cloudfront` processes: the exit code, the sentence
 * that says what to fix, and never a stack frame, a class-name prefix or the AWS SDK's Node 20 warning.
 * The table is test/fixtures/cli/bad-inputs.json.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { capturedDeps } from '../support/command-deps.ts';
import { FIXTURES, REPO_ROOT } from '../support/fixtures.ts';

interface BadInput {
  name: string;
  args: string[];
  env?: 'no-credentials' | 'no-network';
  exit: number;
  stdout?: string;
  stderr?: string;
}

const AWS_VARS = ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION'];
const ENVS: Record<NonNullable<BadInput['env']>, Record<string, string>> = {
  'no-credentials': { AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_EC2_METADATA_DISABLED: 'true' },
  // Port 9 on 127.0.0.1: nothing listens, so every AWS call is refused at once.
  'no-network': {
    AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_ENDPOINT_URL_CLOUDFRONT: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_CLOUDFORMATION: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1',
  },
};
/** A class name at the start of a message (`ConfigValidationError:`, `UsageError:`). */
const CLASS_PREFIX = /\b[A-Z][A-Za-z]*(Error|Exception): /;
const tmp = mkdtempSync(join(tmpdir(), 'bad-inputs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !AWS_VARS.includes(k) && !k.startsWith('AWS_ENDPOINT_URL') && k !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'));
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin/posthog-cloudfront.mjs'), ...args], { cwd: REPO_ROOT, env: { ...base, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('posthog-cloudfront: bad inputs as processes', () => {
  const cases = JSON.parse(readFileSync(join(FIXTURES, 'cli/bad-inputs.json'), 'utf8')) as BadInput[];
  it.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    // Act
    const { code, stdout, stderr } = await cli(c.args.map((a) => a.replace('{tmp}', tmp)), c.env ? ENVS[c.env] : {});
    // Assess
    expect({ code, stdout, stderr }).toMatchObject({ code: c.exit });
    if (c.stdout) expect(stdout).toContain(c.stdout);
    if (c.stderr) expect(stderr).toContain(c.stderr);
    const all = stdout + stderr;
    expect(all).not.toMatch(/^\s+at /m);
    expect(all).not.toMatch(CLASS_PREFIX);
    expect(all).not.toContain('NodeVersionSupportWarning');
    expect(all).not.toContain('unexpected error');
  }, 40_000);
});

describe('posthog-cloudfront build: every invalid configuration of the config tests, through the CLI edge', () => {
  const dir = join(FIXTURES, 'configs-invalid');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it.each(files)('%s', async (file) => {
    // Prepare: the fixture's config as a file of its own.
    const fixture = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { config: unknown; messages: string[] };
    const path = join(tmp, file);
    (await import('node:fs')).writeFileSync(path, JSON.stringify(fixture.config));
    const { deps, out, err } = capturedDeps();
    // Act
    const code = await main(['build', '--config', path, '--out', join(tmp, 'out')], deps);
    // Assess: exit 1, the fixture's messages, one sentence per problem, no class name.
    expect(code).toBe(1);
    const text = err.join('\n');
    expect(text.startsWith('posthog-cloudfront build: ')).toBe(true);
    for (const m of fixture.messages) expect(text).toContain(m);
    expect(text).not.toMatch(CLASS_PREFIX);
    expect(out).toEqual([]);
  });
});
