/** Thrown when a built function would not be accepted by CloudFront or breaks its size budget. */
export class FunctionBuildError extends Error {
  override name = 'FunctionBuildError';
}
