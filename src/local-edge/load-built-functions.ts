/** Loads the built artifacts the local edge runs, exactly the files that would be uploaded (Node). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORIGIN_RESPONSE_FILE, VIEWER_REQUEST_FILE } from '../build/build-functions.ts';
import { loadCloudFrontFunction, type LoadedCloudFrontFunction } from '../runtime/cloudfront-function-runtime.ts';
import { loadLambdaHandler, type OriginResponseHandler } from '../runtime/lambda-edge-runtime.ts';

export interface BuiltFunctionsLoaded {
  viewerRequest: LoadedCloudFrontFunction;
  originResponse: OriginResponseHandler;
}

/** Reads `viewer-request.js` (checked and size-limited as CloudFront would) and `origin-response.mjs` from `dir`. */
export async function loadBuiltFunctions(dir: string): Promise<BuiltFunctionsLoaded> {
  const viewerRequest = loadCloudFrontFunction(readFileSync(join(dir, VIEWER_REQUEST_FILE), 'utf8'));
  const originResponse = await loadLambdaHandler(join(dir, ORIGIN_RESPONSE_FILE));
  return { viewerRequest, originResponse };
}
