// Entry of the viewer-request CloudFront Function (cloudfront-js-2.0). The build bakes the configuration
// in as __EDGE_CONFIG__ and strips the export: CloudFront wants a bare top-level `function handler`.
import cf from 'cloudfront';
import type { CfViewerRequestEvent } from '../src/edge/cloudfront-function-types.ts';
import type { EdgeConfig } from '../src/edge/edge-config.ts';
import { handleViewerRequest } from '../src/edge/viewer-request.ts';

declare const __EDGE_CONFIG__: EdgeConfig;

export function handler(event: CfViewerRequestEvent) {
  return handleViewerRequest(event, __EDGE_CONFIG__, cf);
}
