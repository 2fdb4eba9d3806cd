// The adversarial corpus over real HTTP through the local edge (the built functions run as CloudFront runs
// them, behaviors and policies from the distribution layout), with a recording origin behind both PostHog
// hosts. Request lines and headers go out byte for byte as the fixtures write them.
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../src/node-http/start-local-stack.ts';
import { loadCorpus, rawHttpRequest, runsVia } from './adversarial-case.ts';
import { builtVariant, removeBuiltVariants } from './built-variant.ts';
import { httpProblems } from './http-invariants.ts';
import { sendRaw, startRecordingOrigin, type RecordingOrigin } from './raw-http.ts';

const corpus = loadCorpus().filter((c) => runsVia(c, 'http'));
const stacks = new Map<string, Promise<LocalStack>>();
let origin: RecordingOrigin | null = null;

async function stackFor(name: string): Promise<LocalStack> {
  origin ??= await startRecordingOrigin();
  const recording = origin;
  let stack = stacks.get(name);
  if (!stack) {
    stack = builtVariant(name).then((v) =>
      startLocalStack({
        config: v.config,
        functionsDir: v.dir,
        demoPort: null,
        connectTo: {
          [v.config.apiHost]: { protocol: 'http', address: '127.0.0.1', port: recording.port },
          [v.config.assetsHost]: { protocol: 'http', address: '127.0.0.1', port: recording.port },
        },
      }),
    );
    stacks.set(name, stack);
  }
  return stack;
}

describe('adversarial corpus, over HTTP through the local edge', () => {
  afterAll(async () => {
    for (const stack of stacks.values()) await (await stack).close();
    await origin?.close();
    await removeBuiltVariants();
  });

  it.each(corpus.map((c) => [`${c.group}: ${c.name} [${c.config}]`, c] as const))('%s', async (_, c) => {
    // Prepare
    const stack = await stackFor(c.config);
    const variant = await builtVariant(c.config);
    origin!.hits.length = 0;
    // Each case stands alone: an earlier case's cached asset must not answer this one.
    stack.edge.cache.clear();
    // Act
    const response = await sendRaw(Number(new URL(stack.edgeUrl).port), rawHttpRequest(c, new URL(stack.edgeUrl).host));
    // Assess
    expect(httpProblems(c, variant.config, response, [...origin!.hits])).toEqual([]);
  });
});
