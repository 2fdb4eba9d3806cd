/**
 * What every command gets: its arguments and typed dependencies (output writers, environment, clock, AWS
 * client factories, a stop signal), so tests pass their own without casts or a patched console.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors/proxy-error.ts';
import type { AwsClientFactory } from './aws-clients.ts';
import { suggestFlag } from './did-you-mean.ts';

export { UsageError } from '../errors/proxy-error.ts';

export interface CommandDeps {
  /** Writes text and a newline to standard output. */
  out(text: string): void;
  /** Writes text and a newline to standard error (warnings, progress). */
  err(text: string): void;
  /** The environment the command reads (PORT, AWS_PROFILE, ...). */
  env: Readonly<Record<string, string | undefined>>;
  /** Milliseconds since the epoch. */
  now(): number;
  /** AWS SDK clients, loaded on first use only (commands that never call AWS never load the SDK). */
  aws: AwsClientFactory;
  /** Asks the user a question on the terminal and resolves with the answer line (init). */
  ask(question: string): Promise<string>;
  /** Resolves when the user asks a long-running command to stop (Ctrl-C, SIGTERM). */
  stopped(): Promise<void>;
}

/** A command: takes its arguments and dependencies, returns its exit code; throws ProxyError for the user. */
export type Command = (argv: string[], deps: CommandDeps) => Promise<number>;

/**
 * node:util parseArgs with strict options, its errors turned into UsageError sentences: an unknown flag
 * gets a "did you mean", a flag missing its value says so, and Node's own parser text never reaches the user.
 */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (cause) {
    throw new UsageError(usageMessage(cause as Error & { code?: string }, argv, options, allowPositionals), { cause });
  }
}

function usageMessage(error: Error & { code?: string }, argv: string[], options: NonNullable<ParseArgsConfig['options']>, allowPositionals: boolean): string {
  const flags = Object.keys(options);
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const flag = quoted.replace(/^-+/, '').split('=')[0];
      const suggestion = suggestFlag(flag, flags);
      return `unknown option --${flag}` + (suggestion ? `; did you mean --${suggestion}?` : `; the options are ${flags.map((f) => `--${f}`).join(', ')}`);
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = /--([a-z-]+)/.exec(error.message)?.[1] ?? quoted.replace(/^-+/, '');
      const spec = options[flag];
      if (spec?.type === 'boolean') return `--${flag} takes no value; write --${flag} alone`;
      return `--${flag} needs a value, e.g. --${flag} VALUE`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const extra = argv.find((a) => a === quoted) ?? quoted;
      return allowPositionals ? `unexpected argument "${extra}"` : `unexpected argument "${extra}": this command takes only --options`;
    }
    default:
      return error.message;
  }
}
