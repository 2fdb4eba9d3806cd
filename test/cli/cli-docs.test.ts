/** docs/cli.md shows every command's usage line as the command prints it, so the reference cannot drift. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, main } from '../../src/cli/main.ts';
import { capturedDeps } from '../support/command-deps.ts';
import { REPO_ROOT } from '../support/fixtures.ts';

const doc = readFileSync(join(REPO_ROOT, 'docs/cli.md'), 'utf8');
const commands = COMMAND_NAMES();

describe('docs/cli.md', () => {
  it.each(commands)('documents "%s" with its current usage line', async (name) => {
    const { deps, out } = capturedDeps();
    expect(await main(['help', name], deps)).toBe(0);
    expect(doc).toContain(`### ${name}`);
    expect(doc).toContain(out[0]);
  });
});
