/**
 * docs/cli.md shows every command's usage as the command prints it, so the reference cannot drift; and every
 * relative link in README.md, SECURITY.md and docs/*.md points at a file that exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, main } from '../../src/cli/main.ts';
import { capturedDeps } from '../support/command-deps.ts';
import { REPO_ROOT } from '../support/fixtures.ts';

const doc = readFileSync(join(REPO_ROOT, 'docs/cli.md'), 'utf8');
const commands = COMMAND_NAMES();

describe('docs/cli.md', () => {
  it.each(commands)('documents "%s" with its current usage text', async (name) => {
    const { deps, out } = capturedDeps();
    expect(await main(['help', name], deps)).toBe(0);
    expect(doc).toContain(`### ${name}`);
    expect(doc).toContain(out.join('\n').trimEnd());
  });
});

const markdown = ['README.md', 'SECURITY.md', ...readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('relative links in the docs', () => {
  it.each(markdown)('%s links only to files that exist', (file) => {
    const text = readFileSync(join(REPO_ROOT, file), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((link) => !/^[a-z]+:/i.test(link) && !link.startsWith('#'));
    const missing = targets.filter((link) => !existsSync(join(REPO_ROOT, dirname(file), link.split('#')[0])));
    expect(missing).toEqual([]);
  });
});
