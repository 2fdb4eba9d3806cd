/**
 * vitest globalSetup: builds dist/ and .test-build/ before any test file runs, so `npx vitest run` works on a
 * clean tree. Both projects (fast, slow) name this file; the flag on globalThis (the setup runs in vitest's
 * main process, once per project) keeps it to one build per run.
 */
import { buildTestArtifacts } from './build-test-artifacts.ts';

const FLAG = Symbol.for('posthog-cloudfront-proxy.test-artifacts');

export async function setup(): Promise<void> {
  const state = globalThis as { [FLAG]?: Promise<unknown> };
  state[FLAG] ??= buildTestArtifacts();
  await state[FLAG];
}
