/**
 * The REAL posthog-js files, as PostHog's assets host serves them: `/static/<file>.js` and
 * `/static/<version>/<file>.js` from the installed npm package's dist folder. Node only (reads files).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const STATIC = /^\/static\/(?:(v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\/)?([A-Za-z0-9._-]+\.js)$/;

export interface StaticFiles {
  version: string;
  /** The file's bytes for a /static path, or null when PostHog would answer 404. */
  read(path: string): Uint8Array | null;
}

/** The dist folder of the installed posthog-js. */
export function posthogJsDist(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('posthog-js/package.json');
  const version = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string }).version;
  return { dir: join(dirname(pkgFile), 'dist'), version };
}

export function staticFiles(): StaticFiles {
  const { dir, version } = posthogJsDist();
  const names = new Set(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.js')) : []);
  const cache = new Map<string, Uint8Array>();
  return {
    version,
    read(path) {
      const m = STATIC.exec(path);
      if (!m || !names.has(m[2])) return null;
      let bytes = cache.get(m[2]);
      if (!bytes) {
        bytes = new Uint8Array(readFileSync(join(dir, m[2])));
        cache.set(m[2], bytes);
      }
      return bytes;
    },
  };
}
