import { ProxyError } from '../../errors/proxy-error.ts';

/** Thrown when the snippet cannot be made for this configuration or these options; the message says what to change. */
export class SnippetError extends ProxyError {}
