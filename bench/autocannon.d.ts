/**
 * The part of autocannon 9's programmatic API the benchmarks use (the package ships no types). Field names
 * and meanings as in autocannon's README: https://github.com/mcollina/autocannon#api
 */
declare module 'autocannon' {
  namespace autocannon {
    interface RequestData {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }

    interface Request extends RequestData {
      /** Called when the request is built, just before it is sent (with pipelining 1: after the previous response). */
      setupRequest?: (request: RequestData, context: Record<string, unknown>) => RequestData | null;
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
    }

    interface Options {
      url: string;
      connections?: number;
      pipelining?: number;
      /** Seconds (ignored when `amount` is set). */
      duration?: number;
      /** Stop after this many requests in all, over all connections. */
      amount?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      requests?: Request[];
    }

    /** Percentiles and summary of one of autocannon's HdrHistograms. */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    }

    interface Result {
      /** Seconds. */
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      resets: number;
      non2xx: number;
      /** Milliseconds per request. */
      latency: Histogram;
      /** Responses per sample (per second by default); `total` is all responses. */
      requests: Histogram & { sent: number };
      /** Response bytes per sample (per second by default). */
      throughput: Histogram;
    }
  }

  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
