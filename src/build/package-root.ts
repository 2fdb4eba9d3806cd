/**
 * The directory of this package (where package.json says "posthog-cloudfront-proxy"): the checkout, or
 * node_modules/posthog-cloudfront-proxy once installed. Found by walking up from the running module, since
 * that module is src/build/*.ts in a checkout but a compiled file somewhere under lib/ once installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = 'posthog-cloudfront-proxy';

export function packageRoot(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package directory above ${fileURLToPath(fromUrl)}; reinstall the package`);
    dir = parent;
  }
}
