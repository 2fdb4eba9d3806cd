/**
 * Loads a built Lambda@Edge bundle as Lambda's Node.js runtime would (an ES module, `handler` export) and
 * invokes it with CloudFront's origin-response event, enforcing what CloudFront enforces on the result:
 * a thrown error or an invalid response is a 502; read-only headers may not change. Node, Bun and Deno.
 */
import { ProxyError } from '../errors/proxy-error.ts';
import { pathToFileURL } from 'node:url';
import type { CloudFrontResponseEvent, CloudFrontResultResponse } from 'aws-lambda';

/** Origin-response triggers may not change these. */
export const LAMBDA_READ_ONLY_RESPONSE_HEADERS = ['transfer-encoding', 'via'];

/** Thrown when the Lambda@Edge throws or returns something CloudFront rejects (viewer sees 502). */
export class LambdaEdgeError extends ProxyError {}

export type OriginResponseHandler = (event: CloudFrontResponseEvent) => Promise<CloudFrontResultResponse>;

export async function loadLambdaHandler(file: string): Promise<OriginResponseHandler> {
  // A query string per load gives a fresh module instance, as a new Lambda container would.
  const mod = (await import(`${pathToFileURL(file).href}?load=${Date.now()}-${Math.random()}`)) as { handler?: unknown };
  if (typeof mod.handler !== 'function') throw new LambdaEdgeError(`${file} does not export a handler function`);
  return mod.handler as OriginResponseHandler;
}

/** Invokes the handler on a copy of the event and checks the response as CloudFront would. */
export async function invokeOriginResponse(handler: OriginResponseHandler, event: CloudFrontResponseEvent): Promise<CloudFrontResultResponse> {
  const copy = structuredClone(event);
  let result: CloudFrontResultResponse;
  try {
    result = await handler(copy);
  } catch (cause) {
    throw new LambdaEdgeError(`the origin-response function threw: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
  if (!result || typeof result !== 'object') throw new LambdaEdgeError('the origin-response function returned no response');
  if (!/^[1-5][0-9][0-9]$/.test(String(result.status))) throw new LambdaEdgeError(`invalid status ${String(result.status)}`);
  const original = event.Records[0].cf.response.headers;
  const headers = result.headers ?? {};
  for (const name of Object.keys(headers)) {
    const list = headers[name];
    if (name !== name.toLowerCase() || !Array.isArray(list) || list.some((h) => typeof h?.value !== 'string' || /[\r\n]/.test(h.value))) {
      throw new LambdaEdgeError(`invalid header ${name}`);
    }
  }
  for (const name of LAMBDA_READ_ONLY_RESPONSE_HEADERS) {
    if (JSON.stringify(original[name] ?? null) !== JSON.stringify(headers[name] ?? null)) throw new LambdaEdgeError(`the function changed the read-only header ${name}`);
  }
  return result;
}
