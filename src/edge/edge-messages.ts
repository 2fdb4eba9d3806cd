/**
 * The `error` strings of the viewer-request function's own JSON answers (`{"error": ...}`). `verify`
 * recognises some of them to say what to fix (src/verify/diagnose.ts), so both read them from here.
 */
export const MALFORMED_REQUEST = 'malformed request';
export const BAD_PATH = 'bad path';
export const ORIGIN_NOT_ALLOWED = 'origin not allowed';
export const NOT_UNDER_PREFIX = 'not under the path prefix';
export const NOT_PUBLIC = 'not a public endpoint';
export const PROXY_ERROR = 'proxy error';
