// Properties of the BUILT viewer-request function of every variant, run in its realm via src/runtime. Each run
// draws the variant too, so one property costs NUM_RUNS runs whatever the number of variants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.ts';
import type { CfValueMap } from '../../src/edge/cloudfront-function-types.ts';
import { inAnyCidr, maskIp, parseIp } from '../../src/edge/ip.ts';
import { originIdsFor, upstreamFor } from '../../src/routes/route-table.ts';
import { loadCloudFrontFunction, type LoadedCloudFrontFunction, type ViewerRequestOutcome } from '../../src/runtime/cloudfront-function-runtime.ts';
import { configVariant, configVariants, readBuilt } from '../support/fixtures.ts';
import { NUM_RUNS, viewerRequestEvent, type ViewerRequestInput } from './arbitraries.ts';

const VARIANTS = configVariants().map((v) => v.name);
const functions = new Map<string, LoadedCloudFrontFunction>(VARIANTS.map((name) => [name, loadCloudFrontFunction(readBuilt(name, 'viewer-request.js'))]));
const configs = new Map(VARIANTS.map((name) => [name, validateConfig(configVariant(name))]));
/** The answers the function gives at the edge; a 500 would mean its internal catch hid an exception. */
const EDGE_STATUSES = [204, 400, 403, 404];

/** Runs the built function; the runtime throws when it throws (CloudFront 503) or breaks CloudFront's rules (502). */
const run = (input: ViewerRequestInput): Promise<ViewerRequestOutcome> => functions.get(input.variant)!.run(input.event);

const header = (headers: CfValueMap | undefined, name: string) => headers?.[name]?.value ?? null;

/**
 * What must hold for every outcome, each checked on the same NUM_RUNS fuzzed events (generating the events
 * costs more than running them); a failure names the property it broke.
 */
const INVARIANTS: [string, (input: ViewerRequestInput, outcome: ViewerRequestOutcome) => void][] = [
  ['never throws and answers only with a request or a defined edge answer', (_, outcome) => {
    if (outcome.kind === 'response') expect(EDGE_STATUSES).toContain(outcome.response!.statusCode);
    else expect(typeof outcome.request!.uri).toBe('string');
  }],
  ['forwards only to a configured origin, the one the route table names for the path', (input, outcome) => {
    if (outcome.kind === 'request') expect(outcome.originId).toBe(originIdsFor(configs.get(input.variant)!.pathPrefix)[upstreamFor(outcome.request!.uri)]);
  }],
  ['lets no cookie reach PostHog', (_, outcome) => {
    if (outcome.kind !== 'request') return;
    expect(outcome.request!.cookies ?? {}).toEqual({});
    expect(header(outcome.request!.headers, 'cookie')).toBeNull();
  }],
  ['forwards the query string byte for byte', (input, outcome) => {
    if (outcome.kind === 'request') expect(JSON.stringify(outcome.request!.querystring)).toBe(JSON.stringify(input.event.request.querystring));
  }],
  ['never lets a viewer-supplied X-Forwarded-For end up leftmost for an untrusted viewer', (input, outcome) => {
    if (outcome.kind !== 'request') return;
    const config = configs.get(input.variant)!;
    const viewer = parseIp(input.event.viewer.ip);
    if (viewer !== null && inAnyCidr(config.trustedProxies, viewer)) return;
    // CloudFront appends the viewer to what leaves the function: leftmost is then the viewer, or its mask.
    const leftmost = header(outcome.request!.headers, 'x-forwarded-for');
    expect(leftmost === null || (config.clientIp === 'mask' && viewer !== null && leftmost === maskIp(viewer))).toBe(true);
  }],
  ['behind a trusted proxy, leftmost is the viewer or a hop of its chain (masked when configured)', (input, outcome) => {
    if (outcome.kind !== 'request') return;
    const config = configs.get(input.variant)!;
    const viewer = parseIp(input.event.viewer.ip);
    if (viewer === null || !inAnyCidr(config.trustedProxies, viewer)) return;
    const leftmost = header(outcome.request!.headers, 'x-forwarded-for');
    if (leftmost === null) return; // the viewer itself is the client: CloudFront appends it
    const hops = (input.viewerXff ?? '').split(',').map((h) => h.trim());
    const candidates = [input.event.viewer.ip, ...hops].map(parseIp).filter((ip) => ip !== null);
    expect(config.clientIp === 'mask' ? candidates.map((ip) => maskIp(ip!)) : hops).toContain(leftmost);
  }],
];

describe(`built viewer-request properties (${NUM_RUNS} runs each, variants ${VARIANTS.join(', ')})`, () => {
  it(`every outcome: ${INVARIANTS.map(([name]) => name).join('; ')}`, async () => {
    await fc.assert(
      fc.asyncProperty(viewerRequestEvent(VARIANTS), async (input) => {
        const outcome = await run(input);
        for (const [name, check] of INVARIANTS) {
          try {
            check(input, outcome);
          } catch (error) {
            throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('strips the prefix exactly once, on a segment boundary', async () => {
    const prefixed = VARIANTS.filter((name) => configs.get(name)!.pathPrefix !== '' && configs.get(name)!.endpoints === 'all');
    const safeSegment = fc.string({ unit: fc.constantFrom(...'abcxyz019-_'), minLength: 1, maxLength: 8 });
    const arbitrary = fc.record({
      variant: fc.constantFrom(...prefixed),
      segments: fc.array(fc.oneof(safeSegment, fc.constantFrom('k7x2', 'ph', 'static', 'array')), { maxLength: 5 }),
      trailing: fc.boolean(),
      repeat: fc.nat(2),
    });
    const request = (uri: string): ViewerRequestInput['event'] => ({
      viewer: { ip: '198.51.100.23' },
      request: { method: 'GET', uri, querystring: {}, headers: { host: { value: 'www.example.com' } }, cookies: {} },
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ variant, segments, trailing, repeat }) => {
        const prefix = configs.get(variant)!.pathPrefix;
        const path = `/${segments.join('/')}${trailing && segments.length > 0 ? '/' : ''}`;
        // The prefix written `repeat + 1` times: exactly one goes.
        const inner = prefix.repeat(repeat) + path;
        const outcome = await run({ variant, event: request(prefix + inner), viewerXff: null });
        expect(outcome.kind).toBe('request');
        expect(outcome.request!.uri).toBe(inner);
        // Not on a segment boundary: not under the prefix at all.
        const outside = await run({ variant, event: request(`${prefix}x${path}`), viewerXff: null });
        expect(outside.kind === 'response' && outside.response!.statusCode).toBe(404);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
