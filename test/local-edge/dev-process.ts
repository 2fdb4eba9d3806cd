/**
 * `posthog-cloudfront dev` in a child process, as a user starts it from the checkout: resolved once it has
 * printed its banner (the "Ctrl-C stops everything" line), with its output so far and its exit code to come.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/fixtures.ts';

export interface DevProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<number | null>;
}

export async function startDev(args: string[]): Promise<DevProcess> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/posthog-cloudfront.mjs'), 'dev', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => out.includes('Ctrl-C') && resolve());
    void exited.then(() => reject(new Error(`dev exited early:\n${out}`)));
  });
  return { child, output: () => out, exited };
}
