// Entry of the origin-response Lambda@Edge. The build bakes the configuration in as __EDGE_CONFIG__
// (Lambda@Edge has no environment variables).
import type { CloudFrontResponseEvent } from 'aws-lambda';
import type { EdgeConfig } from '../src/edge/edge-config.ts';
import { handleOriginResponse } from '../src/edge/origin-response.ts';

declare const __EDGE_CONFIG__: EdgeConfig;

export const handler = async (event: CloudFrontResponseEvent) => handleOriginResponse(event, __EDGE_CONFIG__);
