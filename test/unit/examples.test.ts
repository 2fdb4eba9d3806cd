import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/build/build-functions.ts';
import { loadConfig } from '../../src/config/load-config.ts';

// The README points users at these files: each must stay a valid configuration.
describe('examples/*.config.json', () => {
  const files = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.config.json'));

  it('there are examples', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s validates', (file) => {
    const config = loadConfig(join(ROOT, 'examples', file));
    expect(config.apiHost).not.toBe('');
  });
});
