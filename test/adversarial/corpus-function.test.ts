// The adversarial corpus against the BUILT viewer-request CloudFront Function of each case's configuration
// variant. Every case must meet its expected outcome and every corpus invariant (corpus-invariants.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus, runsVia, viewerRequestEventFor } from './adversarial-case.ts';
import { builtVariant, removeBuiltVariants } from './built-variant.ts';
import { functionProblems } from './corpus-invariants.ts';

const corpus = loadCorpus().filter((c) => runsVia(c, 'function'));

describe('adversarial corpus, built CloudFront Function', () => {
  afterAll(removeBuiltVariants);

  it('holds at least 200 hostile requests', () => {
    expect(loadCorpus().length).toBeGreaterThanOrEqual(200);
  });

  it.each(corpus.map((c) => [`${c.group}: ${c.name} [${c.config}]`, c] as const))('%s', async (_, c) => {
    // Prepare
    const variant = await builtVariant(c.config);
    // Act: a throw here is the FunctionExecutionError/ValidationError CloudFront turns into 503/502.
    const outcome = await variant.viewerRequest.run(viewerRequestEventFor(c));
    // Assess
    expect(functionProblems(c, variant.config, outcome)).toEqual([]);
  });
});
