/**
 * Every AWS price the cost model uses, in one place, dated and with its source. On-demand list prices for
 * traffic served in the United States, Mexico and Canada (Europe and Israel are the same), first volume tier,
 * free tier ignored (it would flatter every design alike at this scale). Re-check the sources before
 * quoting a figure: AWS changes prices, and CloudFront's 2025 flat-rate plans are not modelled here.
 */

export const AWS_PRICES = {
  /** When these figures were recorded from the sources below. */
  recordedOn: '2026-11-21',
  currency: 'USD',
  cloudFront: {
    source: 'https://aws.amazon.com/cloudfront/pricing/ (pay as you go, United States, Mexico and Canada)',
    /** HTTPS requests: USD 0.0100 per 10,000. */
    httpsRequestPerMillion: 1.0,
    /** Regional data transfer out to internet, first 10 TB a month: USD 0.085 per GB. */
    transferOutToInternetPerGb: 0.085,
    /** Regional data transfer out to origin (request bodies CloudFront forwards): USD 0.020 per GB. */
    transferOutToOriginPerGb: 0.02,
  },
  cloudFrontFunctions: {
    source: 'https://aws.amazon.com/cloudfront/pricing/ (CloudFront Functions)',
    /** USD 0.10 per million invocations; no duration charge. */
    invocationPerMillion: 0.1,
  },
  lambdaEdge: {
    source: 'https://aws.amazon.com/lambda/pricing/ (Lambda@Edge)',
    /** USD 0.60 per million requests. */
    requestPerMillion: 0.6,
    /** USD 0.00005001 per GB-second, billed per 1 ms. */
    perGbSecond: 0.00005001,
  },
} as const;

/** Lambda@Edge duration assumptions: this project's function is configured with 128 MB. */
export const LAMBDA_EDGE_ASSUMPTIONS = {
  memoryGb: 128 / 1024,
  /**
   * Billed milliseconds per invocation, on average. The handler itself runs in microseconds (table 2), but
   * Lambda bills at least 1 ms and adds its runtime's own time and cold starts; 5 ms is a deliberately
   * high average. It is the same for both Lambda@Edge designs, and small next to the per-request fee.
   */
  billedMsPerInvocation: 5,
} as const;

/** CloudFront bills data transfer in GB of 2^30 bytes. */
export const BYTES_PER_GB = 2 ** 30;
