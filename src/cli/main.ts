/**
 * `posthog-cloudfront <command>`: dispatches to one module per command, loaded on demand. Each command
 * returns its exit code. The one error policy lives here: a ProxyError (and an AWS failure mapped to one)
 * prints as its sentence, without class name or stack; anything else is a bug and says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../build/package-root.ts';
import { awsErrorToProxyError } from '../errors/aws-errors.ts';
import { describeError, ProxyError } from '../errors/proxy-error.ts';
import type { Command, CommandDeps } from './command.ts';
import { suggestFlag } from './did-you-mean.ts';
import { processDeps } from './process-deps.ts';

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  init: () => import('./commands/init.ts'),
  build: () => import('./commands/build.ts'),
  attach: () => import('./commands/attach.ts'),
  detach: () => import('./commands/detach.ts'),
  prune: () => import('./commands/prune.ts'),
  dev: () => import('./commands/dev.ts'),
  verify: () => import('./commands/verify.ts'),
  status: () => import('./commands/status.ts'),
  snippet: () => import('./commands/snippet.ts'),
  logs: () => import('./commands/logs.ts'),
};

/** Every command's name, for the help and the docs test. */
export const COMMAND_NAMES = (): string[] => Object.keys(COMMANDS);

export const USAGE = `Usage: posthog-cloudfront <command> [options]

Commands:
  init    Write posthog-proxy.config.json from a few questions (or --region eu --site https://example.com --yes)
  build   Build dist/viewer-request.js and dist/origin-response.mjs from a configuration
  dev     Run the built proxy in a local edge with a mock PostHog and a demo site
  attach  Add the deployed proxy to an existing distribution (--dry-run shows the diff)
  detach  Remove exactly what this stack attached (--stage S)
  prune   Delete this stack's retained Lambda@Edge functions CloudFront has released (--stage S)
  verify  Check a live proxy from the outside: <proxy-url> --token phc_...
  status  The deployed proxy's health on one screen (--stage S)
  snippet Origins and behaviors for a distribution your own stack owns (--format cloudformation|terraform|cdk)
  logs    Set the retention of the Lambda@Edge log groups in every edge Region (--retention-days N)

Options: --help, --version. "posthog-cloudfront help <command>" shows a command's options.
Exit codes: 0 success, 1 failure (a check failed, AWS refused, a configuration error), 2 bad usage.
Set POSTHOG_CLOUDFRONT_DEBUG=1 to print stacks. Reference: docs/cli.md`;

/** The package's version, as package.json says. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
  return `${pkg.name} ${pkg.version}`;
}

/** What the user sees for an error thrown by a command, and the exit code. */
export function reportError(error: unknown, commandName: string, debug: boolean): { text: string; exitCode: number } {
  const known = error instanceof ProxyError ? error : awsErrorToProxyError(error);
  if (known) return { text: `posthog-cloudfront ${commandName}: ${describeError(known, debug)}`, exitCode: known.exitCode };
  const message = error instanceof Error ? error.message : String(error);
  return {
    text:
      `posthog-cloudfront ${commandName}: unexpected error: ${message}\n` +
      (debug ? describeError(error, true) : 'This is a bug in posthog-cloudfront-proxy; run again with POSTHOG_CLOUDFRONT_DEBUG=1 and report the output.'),
    exitCode: 1,
  };
}

export async function main(argv: string[], deps: CommandDeps = processDeps()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    deps.out(version());
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    (name === undefined ? deps.err : deps.out)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const [commandName, commandArgv] = name === 'help' ? [rest[0], ['--help']] : [name, rest];
  const load = COMMANDS[commandName];
  if (!load) {
    const near = suggestFlag(commandName.replace(/^-+/, ''), Object.keys(COMMANDS));
    const what = commandName.startsWith('-') ? `unknown option "${commandName}"` : `unknown command "${commandName}"`;
    deps.err(`posthog-cloudfront: ${what}${near ? `; did you mean "${near}"?` : ''}\n\n${USAGE}`);
    return 2;
  }
  const debug = deps.env.POSTHOG_CLOUDFRONT_DEBUG === '1' || deps.env.POSTHOG_CLOUDFRONT_DEBUG === 'true';
  try {
    const { command } = await load();
    return await command(commandArgv, deps);
  } catch (error) {
    const { text, exitCode } = reportError(error, commandName, debug);
    deps.err(text);
    return exitCode;
  }
}
