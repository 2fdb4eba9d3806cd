import { describe, expect, it } from 'vitest';
import { normalizePath, stripPrefix } from '../../src/edge/normalize-path.ts';

describe('normalizePath', () => {
  it.each([
    ['/', '/'],
    ['//', '/'],
    ['/e', '/e'],
    ['/e/', '/e/'],
    ['/e//', '/e/'],
    ['//static//array.js', '/static/array.js'],
    ['/static/./array.js', '/static/array.js'],
    ['/static/1.2.3/../array.js', '/static/array.js'],
    ['/a/b/..', '/a/'],
    ['/a/..', '/'],
    ['/a/.', '/a/'],
    ['/..', '/'],
    ['/../../e/', '/e/'],
    ['/static/%2e%2e/api/', '/api/'],
    ['/static/%2E%2E/api', '/api'],
    ['/static/.%2e/api', '/api'],
    ['/static/%2e./api', '/api'],
    ['/static/%2e/array.js', '/static/array.js'],
    // Not dot segments: names that contain dots, and double-encoded dots (the origin decodes once).
    ['/static/1.449.2/array.js', '/static/1.449.2/array.js'],
    ['/static/...', '/static/...'],
    ['/static/..a', '/static/..a'],
    ['/static/%252e%252e/x', '/static/%252e%252e/x'],
    ['/array/phc_x/config.js', '/array/phc_x/config.js'],
    ['/e/%41', '/e/%41'],
  ])('%s -> %s', (uri, path) => {
    expect(normalizePath(uri)).toEqual({ ok: true, path });
  });

  it.each([
    ['no leading slash', 'e/'],
    ['empty', ''],
    ['encoded slash', '/static%2F..%2Fapi'],
    ['encoded slash, lower case', '/static%2f..%2fapi'],
    ['encoded backslash', '/static%5C..%5Capi'],
    ['backslash', '/static\\..\\api'],
    ['encoded NUL', '/e%00'],
    ['malformed escape', '/e/%zz'],
    ['truncated escape', '/e/%2'],
    ['space', '/e /'],
    ['control character', '/e\u0001/'],
    ['DEL', '/e\u007f'],
    ['not a string', 42 as unknown as string],
  ])('refuses %s', (_, uri) => {
    expect(normalizePath(uri)).toEqual({ ok: false, reason: 'bad path' });
  });

  it('never returns a path with a dot segment or a double slash', () => {
    for (const uri of ['/a/./b/../c//d/%2e/%2E%2e/e', '/./../.%2e//x/', '/x/y/z/../../..//../w']) {
      const result = normalizePath(uri);
      expect(result.ok).toBe(true);
      const path = (result as { path: string }).path;
      expect(path).not.toMatch(/\/\/|\/(\.|%2e){1,2}(\/|$)/i);
    }
  });
});

describe('stripPrefix', () => {
  it.each([
    ['/e/', '', '/e/'],
    ['/k7x2', '/k7x2', '/'],
    ['/k7x2/', '/k7x2', '/'],
    ['/k7x2/e/', '/k7x2', '/e/'],
    ['/k7x2/k7x2/e', '/k7x2', '/k7x2/e'],
    ['/k7x2/ph/static/x', '/k7x2/ph', '/static/x'],
    ['/k7x2e/e/', '/k7x2', null],
    ['/k7x/e/', '/k7x2', null],
    ['/K7X2/e/', '/k7x2', null],
    ['/e/k7x2/', '/k7x2', null],
    ['/k7x2/e', '/k7x2/ph', null],
  ])('%s under %j -> %j', (path, prefix, expected) => {
    expect(stripPrefix(path, prefix)).toBe(expected);
  });
});
