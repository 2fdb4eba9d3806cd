/**
 * The cloudfront-js-2.0 viewer-request event and the `cloudfront` module, as far as this project uses them.
 * Field maps are `{name: {value, multiValue?}}` with lowercase header names.
 */

export interface CfValue {
  value: string;
  multiValue?: { value: string }[];
}
export type CfValueMap = Record<string, CfValue>;

export interface CfRequest {
  method: string;
  uri: string;
  querystring: CfValueMap;
  headers: CfValueMap;
  cookies: CfValueMap;
}

export interface CfViewerRequestEvent {
  version?: string;
  context?: Record<string, unknown>;
  viewer: { ip: string };
  request: CfRequest;
}

export interface CfResponse {
  statusCode: number;
  statusDescription: string;
  headers: CfValueMap;
  body?: { encoding: 'text' | 'base64'; data: string };
}

/** The subset of `import cf from 'cloudfront'` the function calls. */
export interface CloudFrontModule {
  selectRequestOriginById(originId: string): void;
}
