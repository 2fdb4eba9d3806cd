/** Thrown when the snippet cannot be made for this configuration or these options; the message says what to change. */
export class SnippetError extends Error {
  override name = 'SnippetError';
}
