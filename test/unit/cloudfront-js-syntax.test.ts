import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/build/build-functions.ts';
import { cloudFrontSyntaxProblems } from '../../src/build/cloudfront-js-syntax.ts';

interface Case { name: string; code: string; problem?: string }
const cases = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/cloudfront-syntax/cases.json'), 'utf8')) as { accepted: Case[]; refused: Case[] };

describe('cloudFrontSyntaxProblems', () => {
  it.each(cases.accepted.map((c) => [c.name, c] as const))('accepts %s', (_, c) => {
    expect(cloudFrontSyntaxProblems(c.code)).toEqual([]);
  });

  it.each(cases.refused.map((c) => [c.name, c] as const))('refuses %s', (_, c) => {
    const problems = cloudFrontSyntaxProblems(c.code);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('; ')).toContain(c.problem);
  });
});
