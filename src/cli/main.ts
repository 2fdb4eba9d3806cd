/**
 * `posthog-cloudfront <command>`: dispatches to one module per command. Each command returns its exit code;
 * errors this project names (ConfigValidationError and friends) print as their message, not a stack.
 */
import { UsageError, type Command } from './command.ts';

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  build: () => import('./commands/build.ts'),
  attach: () => import('./commands/attach.ts'),
  detach: () => import('./commands/detach.ts'),
  dev: () => import('./commands/dev.ts'),
  verify: () => import('./commands/verify.ts'),
  status: () => import('./commands/status.ts'),
  snippet: () => import('./commands/snippet.ts'),
};

const USAGE = `Usage: posthog-cloudfront <command> [options]

Commands:
  build   Build dist/viewer-request.js and dist/origin-response.mjs from a configuration
          --config FILE (default posthog-proxy.config.json)  --out DIR (default dist)
  dev     Run the built proxy in a local edge with a mock PostHog and a demo site (--port, --upstream, --connect-to)
  attach  Add the deployed proxy to an existing distribution: --distribution-id ID [--stage S] [--dry-run] [--no-wait]
  detach  Remove exactly what attach added: --distribution-id ID [--dry-run] [--no-wait]
  verify  Check a live proxy from the outside: <proxy-url> --token phc_... [--site-origin O] [--json] [--capture]
  status  The deployed proxy's health on one screen: [--stage S | --stack NAME] [--distribution-id ID] [--json]
  snippet Origins and behaviors for a distribution your own stack owns: --format cloudformation|terraform|cdk [--stage S]

Run "posthog-cloudfront <command> --help" for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`posthog-cloudfront: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const { command } = await load();
    return await command(rest);
  } catch (error) {
    const e = error as Error;
    if (e && typeof e.name === 'string' && e.name !== 'Error' && e.name !== 'TypeError' && e.name !== 'RangeError' && e.name !== 'ReferenceError' && e.name !== 'SyntaxError') {
      console.error(`posthog-cloudfront ${name}: ${e.name}: ${e.message}`);
      return e instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}
