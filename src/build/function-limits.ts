/** Size limits of what CloudFront accepts, and this project's own budgets below them. */
export const LIMITS = {
  /** CloudFront Functions: hard AWS limit on function code. */
  cloudFrontFunctionBytes: 10_240,
  /** Our budget for the viewer-request function with the default configuration, to leave room to grow. */
  viewerRequestBudgetBytes: 4_096,
  /** Our ceiling for the viewer-request function with every feature configured (the two fast paths cost ~330 bytes and halve the interpreted time). */
  viewerRequestFullBudgetBytes: 6_144,
  /** Our budget for the origin-response Lambda@Edge bundle. */
  originResponseBudgetBytes: 10_240,
} as const;
