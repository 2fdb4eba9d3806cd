import { describe, expect, it } from 'vitest';
import { demoOriginWarning } from '../../src/cli/commands/dev.ts';
import { validateConfig } from '../../src/config/validate-config.ts';

// `dev` says so when the configuration's allowedOrigins would refuse the demo site, instead of a demo that
// silently fails in the browser.
describe('demoOriginWarning', () => {
  it.each([
    ['any origin allowed', {}, 'http://127.0.0.1:8081', null],
    ['the demo origin listed', { allowedOrigins: ['http://127.0.0.1:8081'] }, 'http://127.0.0.1:8081', null],
    ['no demo site', { allowedOrigins: ['https://example.com'] }, null, null],
    ['only the site listed', { allowedOrigins: ['https://example.com'] }, 'http://127.0.0.1:8081', 'http://127.0.0.1:8081 is not in allowedOrigins'],
    ['another port listed', { allowedOrigins: ['http://127.0.0.1:9001'] }, 'http://127.0.0.1:8081', 'refuses the demo\'s requests with 403'],
  ])('%s', (_, raw, demoUrl, fragment) => {
    const warning = demoOriginWarning(validateConfig(raw), demoUrl);
    if (fragment === null) expect(warning).toBeNull();
    else expect(warning).toContain(fragment);
  });
});
