/**
 * The `verify` command as a user runs it (a child process of bin/posthog-cloudfront.mjs): the JSON shape the
 * README documents, the exit codes, the table, and network failures as failed checks instead of stack
 * traces. Argument errors are checked in process, from test/fixtures/verify/bad-arguments.json.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../src/node-http/start-local-stack.ts';
import { command } from '../../src/cli/commands/verify.ts';
import { capturedDeps } from '../support/command-deps.ts';
import { FIXTURES, REPO_ROOT } from '../support/fixtures.ts';
import { startVariant, verifyVariant } from './verify-variants.ts';

const TOKEN = 'phc_verify_test';
const SITE = 'https://app.example.org';

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/posthog-cloudfront.mjs'), 'verify', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

let correct: LocalStack;
let broken: LocalStack;
let silent: Server;
beforeAll(async () => {
  [correct, broken] = await Promise.all([startVariant(verifyVariant('correct-prefix')), startVariant(verifyVariant('array-to-main-host'))]);
  // Accepts connections and never answers: what a black-holed distribution looks like.
  silent = createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  silent.closeAllConnections();
  await new Promise((r) => silent.close(r));
  await Promise.all([correct.close(), broken.close()]);
});

const CHECK_IDS = ['sdk-script', 'remote-config', 'cors-preflight', 'flags-query', 'same-region', 'ad-blocker-path', 'certificate', 'capture'];

describe('verify --json: the documented shape', () => {
  it('every field, in every check and probe, with exit code 0 on a correct proxy', async () => {
    // Act
    const { code, stdout, stderr } = await cli([correct.apiHost, '--token', TOKEN, '--site-origin', SITE, '--json']);

    // Assess
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['schema', 'target', 'ok', 'counts', 'checks']);
    expect(report).toMatchObject({
      schema: 'posthog-cloudfront-verify/1',
      target: { apiHost: correct.apiHost, token: TOKEN, siteOrigin: SITE, capture: false },
      ok: true,
      counts: { pass: 6, fail: 0, warn: 0, skip: 2 },
    });
    expect(Object.keys(report.counts)).toEqual(['pass', 'fail', 'warn', 'skip']);
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual(CHECK_IDS);
    for (const check of report.checks) {
      expect(Object.keys(check)).toEqual(['id', 'title', 'status', 'seen', 'cause', 'fix', 'probes']);
      expect(check).toMatchObject({ title: expect.any(String), status: expect.stringMatching(/^(pass|skip)$/), seen: expect.any(String), cause: null, fix: null });
      for (const probe of check.probes) {
        expect(Object.keys(probe)).toEqual(['method', 'url', 'status', 'error']);
        expect(probe).toMatchObject({ method: expect.stringMatching(/^(GET|POST|OPTIONS)$/), url: expect.stringContaining(correct.apiHost), status: expect.any(Number), error: null });
      }
    }
    // The checks that make no HTTP request, and only those, have no probes (certificate: skipped on http://, TLS only on https://).
    expect(report.checks.filter((c: { probes: unknown[] }) => c.probes.length === 0).map((c: { id: string }) => c.id)).toEqual(['ad-blocker-path', 'certificate', 'capture']);
  });
});

describe('verify: exit codes and the table', () => {
  it('a broken proxy: exit 1, the failing row with cause and fix', async () => {
    // Act
    const { code, stdout, stderr } = await cli([broken.apiHost, '--token', TOKEN, '--site-origin', SITE]);

    // Assess
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^remote-config +FAIL +\/array\/phc_verify_test\/config\.js: 200, Cache-Control none/m);
    expect(stdout).toContain("cause: `/array/*` is not going through the proxy's behaviors to the assets host");
    expect(stdout).toMatch(/^sdk-script +pass /m);
    expect(stdout).toContain('5 passed, 1 failed, 0 warnings, 2 skipped: the proxy needs fixing');
  });

  it.each([
    ['connection refused', async () => `http://127.0.0.1:${await closedPort()}`, [], 'ECONNREFUSED'],
    ['no answer before the timeout', async () => `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, ['--timeout-ms', '300'], 'no answer within 300 ms'],
  ] as const)('%s: failed checks, no stack trace', async (_name, url, extra, reason) => {
    // Prepare
    const proxy = await url();

    // Act
    const { code, stdout, stderr } = await cli([proxy, '--token', TOKEN, '--json', ...extra]);

    // Assess: every check that needs the network failed and says why; the others still ran.
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const byId = Object.fromEntries(report.checks.map((c: { id: string }) => [c.id, c]));
    for (const id of ['sdk-script', 'remote-config', 'cors-preflight', 'flags-query', 'same-region']) {
      expect(byId[id]).toMatchObject({ status: 'fail', cause: 'the proxy did not answer', seen: expect.stringContaining(reason) });
      expect(byId[id].probes[0]).toMatchObject({ status: null, error: expect.stringContaining(reason) });
    }
    expect(byId['ad-blocker-path'].status).toBe('pass');
    expect(byId.certificate.status).toBe('skip');
    expect(byId.capture.status).toBe('skip');
  });
});

describe('verify: bad arguments name the fix', () => {
  const cases = JSON.parse(readFileSync(join(FIXTURES, 'verify/bad-arguments.json'), 'utf8')) as { name: string; args: string[]; message: string }[];
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    // Act + Assess: a UsageError (exit 2 in the CLI) whose message says what to write instead.
    await expect(command(c.args, capturedDeps().deps)).rejects.toMatchObject({ name: 'UsageError', message: expect.stringContaining(c.message) });
  });

  it('the CLI turns them into exit code 2 and a one-line message', async () => {
    const { code, stderr } = await cli(['https://example.com']);
    expect(code).toBe(2);
    expect(stderr).toContain('posthog-cloudfront verify: --token is required');
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
