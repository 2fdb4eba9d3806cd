import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command: takes its arguments, returns its exit code. */
export type Command = (argv: string[]) => Promise<number>;

/** Thrown for bad command-line arguments; the CLI prints it and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** node:util parseArgs with strict options, turning its errors into UsageError. */
export function parseOptions<T extends ParseArgsConfig['options']>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (cause) {
    throw new UsageError((cause as Error).message, { cause });
  }
}
