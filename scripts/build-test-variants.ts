// Builds dist/ and every test variant into .test-build/ (test/support/build-test-artifacts.ts). vitest's
// globalSetup does this by itself; `npm run test:runtimes` runs this first so Bun and Deno find the builds.
import { buildTestArtifacts, describeBuilt } from '../test/support/build-test-artifacts.ts';

console.log(describeBuilt(await buildTestArtifacts()));
