import { defineConfig } from 'vitest/config';

// Two lanes, split by file name only (no list to keep in step): `*.slow.test.ts` files need Chromium, run
// `serverless package` or `npm pack`, or take over ~5 s; everything else is fast. `npm test` runs the fast
// project, `npm run test:all` both. The fast project shares module state across the files of a worker
// (isolate: false: about a third less wall time on two cores), so a test restores whatever it changes and
// never replaces modules (vi.mock). See docs/testing.md.
const SLOW = 'test/**/*.slow.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [SLOW], isolate: false, globalSetup: ['test/support/global-setup.ts'] } },
      { extends: true, test: { name: 'slow', include: [SLOW], globalSetup: ['test/support/global-setup.ts'] } },
    ],
  },
});
