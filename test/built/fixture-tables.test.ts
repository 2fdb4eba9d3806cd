// The fixture tables against the BUILT artifacts of each fixture's variant (.test-build/<variant>/), run as
// CloudFront runs them: the function in its own realm via src/runtime, the Lambda@Edge bundle as an ES module.
import { describe, expect, it } from 'vitest';
import { loadCloudFrontFunction, type LoadedCloudFrontFunction } from '../../src/runtime/cloudfront-function-runtime.ts';
import { invokeOriginResponse, loadLambdaHandler, type OriginResponseHandler } from '../../src/runtime/lambda-edge-runtime.ts';
import { expectOriginOutcome, expectViewerOutcome } from '../support/expect-outcome.ts';
import { builtFile, clone, originResponseFixtures, readBuilt, viewerRequestFixtures } from '../support/fixtures.ts';

const viewerFunctions = new Map<string, LoadedCloudFrontFunction>();
const viewerFunction = (variant: string) => {
  if (!viewerFunctions.has(variant)) viewerFunctions.set(variant, loadCloudFrontFunction(readBuilt(variant, 'viewer-request.js')));
  return viewerFunctions.get(variant)!;
};
const originHandlers = new Map<string, OriginResponseHandler>();
const originHandler = async (variant: string) => {
  if (!originHandlers.has(variant)) originHandlers.set(variant, await loadLambdaHandler(builtFile(variant, 'origin-response.mjs')));
  return originHandlers.get(variant)!;
};

describe('built viewer-request.js per variant', () => {
  it.each(viewerRequestFixtures().map((f) => [f.config, f.name, f] as const))('%s: %s', async (_, __, fixture) => {
    const fn = viewerFunction(fixture.config);
    const outcome = await fn.run(clone(fixture.event));
    expectViewerOutcome(fixture, outcome);
  });
});

describe('built origin-response.mjs per variant', () => {
  it.each(originResponseFixtures().map((f) => [f.config, f.name, f] as const))('%s: %s', async (_, __, fixture) => {
    const handler = await originHandler(fixture.config);
    const result = await invokeOriginResponse(handler, clone(fixture.event));
    expectOriginOutcome(fixture, result);
  });
});

describe('the function realm', () => {
  it('has no Node globals and no timers, as cloudfront-js-2.0 has none', async () => {
    const fn = loadCloudFrontFunction(
      // The file runs strict, as a module; reach the realm's global object the one way the checks let through.
      'function handler(event){var g=[].constructor.constructor("return this")();return {statusCode:200,statusDescription:"OK",headers:{},body:{encoding:"text",data:JSON.stringify(Object.getOwnPropertyNames(g))}}}',
    );
    const outcome = await fn.run(clone(viewerRequestFixtures()[0].event));
    const globals = JSON.parse(outcome.response!.body!.data) as string[];
    expect(globals).toContain('JSON');
    for (const name of ['process', 'require', 'module', 'Buffer', 'setTimeout', 'setInterval', 'fetch']) expect(globals).not.toContain(name);
  });
});

describe('the function file', () => {
  it('runs strict, as the ES module cloudfront-js-2.0 loads it as, with its top-level bindings its own', async () => {
    // An assignment to an undeclared name throws only in strict code; a top-level `var` stays off the global object.
    const fn = loadCloudFrontFunction(
      'var mine=1;function handler(event){var g=[].constructor.constructor("return this")();var strict=false;try{undeclared=1}catch(e){strict=true}return {statusCode:200,statusDescription:"OK",headers:{},body:{encoding:"text",data:JSON.stringify([strict,"mine" in g])}}}',
    );
    const outcome = await fn.run(clone(viewerRequestFixtures()[0].event));
    expect(JSON.parse(outcome.response!.body!.data)).toEqual([true, false]);
  });
});
