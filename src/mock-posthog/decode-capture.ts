/**
 * Decodes capture bodies the way PostHog's capture service does: gzip is sniffed from the bytes (posthog-js
 * sends it as text/plain without saying so), form bodies carry `data=` as JSON or base64 JSON, and the
 * payload is an event, an array of events or `{batch: [...]}`. Web APIs only.
 */

import { ProxyError } from '../errors/proxy-error.ts';

export class CaptureDecodeError extends ProxyError {}

export interface CapturedEvent {
  uuid: string | null;
  event: string;
  distinctId: string | null;
  properties: Record<string, unknown>;
  timestamp: string | null;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function fromBase64(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').replace(/\s/g, ''));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function parseJsonOrBase64(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return JSON.parse(trimmed);
  return JSON.parse(fromBase64(trimmed));
}

/** The payload inside a body, before it is split into events. */
export async function decodePayload(bytes: Uint8Array, contentType: string | null, query: URLSearchParams): Promise<unknown> {
  const raw = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? await gunzip(bytes) : bytes;
  const text = new TextDecoder().decode(raw);
  try {
    if ((contentType ?? '').includes('application/x-www-form-urlencoded') || /^data=/.test(text)) {
      const data = new URLSearchParams(text).get('data');
      if (data === null) throw new CaptureDecodeError('form body without a data field');
      return parseJsonOrBase64(data);
    }
    if (text.trim() === '' && query.get('data') !== null) return parseJsonOrBase64(query.get('data')!);
    return parseJsonOrBase64(text);
  } catch (cause) {
    if (cause instanceof CaptureDecodeError) throw cause;
    throw new CaptureDecodeError(`body is neither JSON, base64 JSON nor gzip JSON: ${(cause as Error).message}`, { cause });
  }
}

function toEvent(value: unknown): CapturedEvent {
  if (value === null || typeof value !== 'object') throw new CaptureDecodeError('an event is not an object');
  const e = value as Record<string, unknown>;
  if (typeof e.event !== 'string' || e.event === '') throw new CaptureDecodeError('an event has no "event" name');
  const properties = (e.properties && typeof e.properties === 'object' ? e.properties : {}) as Record<string, unknown>;
  const distinct = e.distinct_id ?? properties.distinct_id ?? null;
  return {
    uuid: typeof e.uuid === 'string' ? e.uuid : null,
    event: e.event,
    distinctId: distinct === null ? null : String(distinct),
    properties,
    timestamp: typeof e.timestamp === 'string' ? e.timestamp : null,
  };
}

/** The events of a capture payload. */
export function eventsOf(payload: unknown): CapturedEvent[] {
  if (Array.isArray(payload)) return payload.map(toEvent);
  if (payload && typeof payload === 'object' && Array.isArray((payload as { batch?: unknown }).batch)) {
    return (payload as { batch: unknown[] }).batch.map(toEvent);
  }
  return [toEvent(payload)];
}

export async function decodeCaptureBody(bytes: Uint8Array, contentType: string | null, query: URLSearchParams): Promise<CapturedEvent[]> {
  return eventsOf(await decodePayload(bytes, contentType, query));
}
