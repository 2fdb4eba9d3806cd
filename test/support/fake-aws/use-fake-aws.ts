/**
 * The fake AWS API for one test file (or one describe block): started and pointed at by the environment before
 * its tests, stopped and the environment restored after them. `onStart` receives it, e.g. to keep it in the
 * file's own variable or to set the fake up.
 */
import { afterAll, beforeAll } from 'vitest';
import { startFakeAws, type FakeAws } from './index.ts';

export function useFakeAws(onStart: (aws: FakeAws) => void): void {
  let aws: FakeAws | undefined;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    aws = await startFakeAws();
    restore = aws.useEnv();
    onStart(aws);
  });
  afterAll(async () => {
    restore?.();
    await aws?.stop();
  });
}
