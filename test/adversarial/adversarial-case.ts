/**
 * The adversarial corpus: hostile requests as fixture files (test/fixtures/adversarial/<group>.json), each
 * with the outcome the proxy must produce. One case describes the request once; it becomes a
 * cloudfront-js-2.0 viewer-request event for the built function and raw HTTP bytes for the local edge.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CfValueMap, CfViewerRequestEvent } from '../../src/edge/cloudfront-function-types.ts';
import { visibleHeaders } from '../../src/runtime/cloudfront-function-runtime.ts';

export const ADVERSARIAL_DIR = fileURLToPath(new URL('../fixtures/adversarial/', import.meta.url));

/** A string, or parts concatenated; `{"$repeat": [text, times]}` keeps overlong values readable. */
export type Text = string | (string | { $repeat: [string, number] })[];

export interface CaseRequest {
  method?: string;
  /** Path and query as the viewer sent them (the request-target of the request line). */
  target: Text;
  /** Header names as sent; an array value sends the header once per entry. */
  headers?: Record<string, Text | Text[]>;
  /** The viewer's IP; default 127.0.0.1 (what the local edge sees over loopback). */
  ip?: string;
  /** Bytes of a body to send (POSTs); the function never sees it. */
  body?: string;
}

/** The outcome every runner checks; fields left out are not asserted beyond the corpus invariants. */
export interface CaseExpectation {
  /** The function answers itself with this status (nothing reaches PostHog). */
  status?: number;
  /** Or it forwards to this origin... */
  origin?: 'main' | 'assets';
  /** ...with this path (the query always passes byte for byte). */
  uri?: string;
  /** For answers: whether CORS is granted to the request's Origin. */
  cors?: 'grant' | 'none';
  /** For forwards: X-Forwarded-For as the function leaves it (null: removed, so CloudFront sends the viewer). */
  xff?: string | null;
}

export interface AdversarialCase {
  name: string;
  /** A variant in test/fixtures/configs/ or test/fixtures/adversarial/configs/. */
  config: string;
  request: CaseRequest;
  expect: CaseExpectation;
  /** Over real HTTP something in front of the function (the HTTP parser, the behavior's methods) may answer first. */
  http?: CaseExpectation;
  /** Runners to use; default both. Viewer IPs other than loopback can only be set in an event. */
  via?: ('function' | 'http')[];
  /** Why the case exists, for the reader. */
  why?: string;
}

export interface LoadedCase extends AdversarialCase {
  group: string;
}

export function text(value: Text): string {
  if (typeof value === 'string') return value;
  return value.map((p) => (typeof p === 'string' ? p : p.$repeat[0].repeat(p.$repeat[1]))).join('');
}

export function loadCorpus(): LoadedCase[] {
  const files = readdirSync(ADVERSARIAL_DIR).filter((f) => f.endsWith('.json')).sort();
  return files.flatMap((file) => {
    const cases = JSON.parse(readFileSync(join(ADVERSARIAL_DIR, file), 'utf8')) as AdversarialCase[];
    return cases.map((c) => ({ ...c, group: basename(file, '.json') }));
  });
}

export function viewerIpOf(c: AdversarialCase): string {
  return c.request.ip ?? '127.0.0.1';
}

export function runsVia(c: AdversarialCase, runner: 'function' | 'http'): boolean {
  if (c.via) return c.via.includes(runner);
  return runner === 'function' || viewerIpOf(c) === '127.0.0.1';
}

/** [name, value] pairs in the order sent. */
export function headerPairs(c: AdversarialCase): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of Object.entries(c.request.headers ?? {})) {
    const values: Text[] = Array.isArray(value) && !isParts(value) ? (value as string[]) : [value as Text];
    for (const v of values) out.push([name, text(v)]);
  }
  return out;
}

/** An array of strings is a multi-valued header unless it contains `$repeat` parts (then it is one value). */
function isParts(value: unknown[]): boolean {
  return value.some((v) => typeof v === 'object' && v !== null && '$repeat' in v);
}

export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q === -1 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/** Own properties only: a header or query key named `__proto__` must stay a key, not reach a prototype. */
function valueMap(pairs: [string, string][]): CfValueMap {
  const map: CfValueMap = {};
  for (const [name, value] of pairs) {
    const entry = Object.hasOwn(map, name) ? map[name] : undefined;
    if (!entry) Object.defineProperty(map, name, { value: { value }, enumerable: true, writable: true, configurable: true });
    else (entry.multiValue ??= [{ value: entry.value }]).push({ value });
  }
  return map;
}

/**
 * The event CloudFront hands the function: header names lowercased, repeated headers as multiValue, the
 * Cookie header moved into `cookies`, the query split into its map with values still encoded.
 */
export function viewerRequestEventFor(c: AdversarialCase): CfViewerRequestEvent {
  const { path, query } = splitTarget(text(c.request.target));
  const headers: [string, string][] = [];
  const cookies: [string, string][] = [];
  for (const [name, value] of headerPairs(c)) {
    if (name.toLowerCase() !== 'cookie') headers.push([name.toLowerCase(), value]);
    else for (const part of value.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0) cookies.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
    }
  }
  const qs: [string, string][] = query === '' ? [] : query.split('&').map((p) => {
    const eq = p.indexOf('=');
    return eq === -1 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
  });
  return {
    version: '1.0',
    context: { eventType: 'viewer-request', distributionId: 'EADVERSARIAL' },
    viewer: { ip: viewerIpOf(c) },
    // CloudFront never shows a function the headers it reserves (X-Forwarded-Proto, X-Amz-Cf-*, ...).
    request: { method: c.request.method ?? 'GET', uri: path, querystring: valueMap(qs), headers: visibleHeaders(valueMap(headers)), cookies: valueMap(cookies) },
  };
}

/** The raw HTTP/1.1 request bytes: request line as written, headers as written, Content-Length for a body. */
export function rawHttpRequest(c: AdversarialCase, host: string): Buffer {
  const pairs = headerPairs(c);
  const lines = [`${c.request.method ?? 'GET'} ${text(c.request.target)} HTTP/1.1`];
  if (!pairs.some(([n]) => n.toLowerCase() === 'host')) lines.push(`Host: ${host}`);
  for (const [name, value] of pairs) lines.push(`${name}: ${value}`);
  const body = Buffer.from(c.request.body ?? '', 'utf8');
  if (body.length > 0) lines.push(`Content-Length: ${body.length}`);
  lines.push('Connection: close', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]);
}
