/**
 * What the local edge counts per run, in the units CloudFront bills: requests, cache hits and misses,
 * CloudFront Function and Lambda@Edge invocations, origin fetches, bytes in from and out to viewers.
 * Served as JSON at /__edge/counters (the benchmarks and the cost model read it).
 */

export interface CounterSet {
  requests: number;
  cacheHits: number;
  cacheMisses: number;
  /** Responses the CloudFront Function generated itself (preflights, 403/404 at the edge). */
  functionResponses: number;
  functionInvocations: number;
  lambdaInvocations: number;
  originRequests: number;
  /** 5xx the edge itself produced (function/Lambda failures, unreachable origin). */
  edgeErrors: number;
  /** Request body bytes received from viewers. */
  bytesIn: number;
  /** Response body bytes sent to viewers. */
  bytesOut: number;
}

export interface EdgeCounters extends CounterSet {
  startedAt: string;
  /** Per behavior, keyed by path pattern ("default" for the default behavior). */
  behaviors: Record<string, CounterSet>;
}

export function emptyCounterSet(): CounterSet {
  return {
    requests: 0, cacheHits: 0, cacheMisses: 0, functionResponses: 0, functionInvocations: 0,
    lambdaInvocations: 0, originRequests: 0, edgeErrors: 0, bytesIn: 0, bytesOut: 0,
  };
}

export function emptyCounters(now: Date = new Date()): EdgeCounters {
  return { ...emptyCounterSet(), startedAt: now.toISOString(), behaviors: {} };
}

/** Adds `n` to one counter, in the totals and in the behavior's own set. */
export function count(counters: EdgeCounters, behavior: string | null, name: keyof CounterSet, n = 1): void {
  counters[name] += n;
  if (behavior === null) return;
  (counters.behaviors[behavior] ??= emptyCounterSet())[name] += n;
}

/** A stream that passes bytes through and reports how many went by once it ends. */
export function countingStream(onBytes: (n: number) => void): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      onBytes(chunk.byteLength);
      controller.enqueue(chunk);
    },
  });
}
