/** Thrown when a built function would not be accepted by CloudFront or breaks its size budget. */

import { ProxyError } from '../errors/proxy-error.ts';
export class FunctionBuildError extends ProxyError {}
