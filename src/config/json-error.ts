/** A JSON.parse failure as "line L, column C: what" instead of V8's "at position N". */

/** 1-based line and column of a character offset in text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Describes why `text` is not JSON. V8 says `... in JSON at position 38` (Node 20) and may add
 * `(line 3 column 5)` (Node 22); both become `line 3, column 5: ...`. End of input is said as such.
 */
export function describeJsonError(text: string, error: Error): string {
  const message = error.message;
  const position = /at position (\d+)/.exec(message);
  const reason = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/,?\s*"[^"]*(?:\.\.\.)?" is not valid JSON$/, '')
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/^Unexpected end of JSON input$/, 'the file ends before the JSON does (a missing } or ]?)')
    .trim();
  if (position) {
    const { line, column } = lineAndColumn(text, Number(position[1]));
    return `line ${line}, column ${column}: ${reason}`;
  }
  if (/end of JSON input/.test(message) || text.trim() === '') {
    const { line, column } = lineAndColumn(text, text.length);
    return `line ${line}, column ${column}: ${text.trim() === '' ? 'the file is empty; start from {"region": "us"}' : reason}`;
  }
  return reason;
}
