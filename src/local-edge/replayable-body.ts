/**
 * A request body that can be sent again while it is small. The edge streams bodies (64 MB recordings must
 * not be buffered), yet a request written to a keep-alive connection the origin had just closed never
 * reached the origin and deserves a second connection. So every chunk read is kept until `limit` bytes
 * have gone by; past that the body can only be sent once.
 */
import { Readable } from 'node:stream';

/** Enough for any posthog-js event batch; recordings and large gzip bodies are not replayed. */
export const REPLAY_LIMIT_BYTES = 64 * 1024;

export interface ReplayableBody {
  /** A fresh Node stream of the whole body from its first byte; throws once the body is no longer replayable. */
  stream(): Readable;
  /** True while every byte read so far is still kept. */
  readonly replayable: boolean;
}

export function replayableBody(body: ReadableStream<Uint8Array>, limit = REPLAY_LIMIT_BYTES): ReplayableBody {
  const reader = body.getReader();
  // Chunks by position; once past the limit, a chunk is dropped as soon as it has been handed out.
  const chunks: (Uint8Array | null)[] = [];
  let bytes = 0;
  let replayable = true;
  let ended = false;
  // One read at a time, shared by every stream handed out: a read an abandoned attempt started must land
  // in `chunks`, not vanish with that attempt.
  let pending: Promise<void> | null = null;
  let generation = 0;

  function readMore(): Promise<void> {
    pending ??= reader.read().then(({ done, value }) => {
      pending = null;
      if (done) ended = true;
      else {
        bytes += value.byteLength;
        if (bytes > limit) replayable = false;
        chunks.push(value);
      }
    }, (error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  }

  return {
    get replayable() {
      return replayable;
    },
    stream() {
      if (!replayable) throw new Error('the request body is past the replay limit and was already sent');
      const mine = ++generation;
      let index = 0;
      return new Readable({
        read() {
          const step = async (): Promise<void> => {
            // A newer attempt owns the body now.
            if (mine !== generation) return void this.push(null);
            if (index < chunks.length) {
              const chunk = chunks[index]!;
              if (!replayable) chunks[index] = null;
              index++;
              return void this.push(chunk);
            }
            if (ended) return void this.push(null);
            await readMore();
            return step();
          };
          step().catch((error: Error) => this.destroy(error));
        },
      });
    },
  };
}
