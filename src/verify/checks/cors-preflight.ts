/**
 * CORS preflights as posthog-js triggers them: a JSON POST to `/e/`, `/i/v0/e/` or `/flags/` from the site
 * asks for `content-type`. Older posthog-js sent requests with credentials, which only work when the
 * answer echoes the Origin (never `*`), allows credentials and varies on Origin (so no cache mixes sites).
 */
import { fail, pass } from '../check-result.ts';
import type { Check } from '../check.ts';
import { corsFix, edgeRefusal, show, tokens } from '../diagnose.ts';

export const PREFLIGHT_PATHS = ['/e/', '/i/v0/e/', '/flags/'] as const;
const REQUESTED_HEADERS = 'content-type';

export const corsPreflight: Check = {
  id: 'cors-preflight',
  title: 'CORS preflights /e/, /i/v0/e/, /flags/',
  async run(target, probe) {
    const problems: string[] = [];
    for (const path of PREFLIGHT_PATHS) {
      const response = await probe({
        method: 'OPTIONS',
        url: target.apiHost + path,
        headers: { origin: target.siteOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': REQUESTED_HEADERS },
      });
      const refusal = edgeRefusal(target, path, response);
      if (refusal) return refusal;
      const h = response.headers;
      const wrong: string[] = [];
      if (response.status < 200 || response.status > 299) wrong.push(`status ${response.status}`);
      if (h['access-control-allow-origin'] !== target.siteOrigin) wrong.push(`Access-Control-Allow-Origin ${show(h['access-control-allow-origin'])}`);
      if (h['access-control-allow-credentials'] !== 'true') wrong.push(`Access-Control-Allow-Credentials ${show(h['access-control-allow-credentials'])}`);
      if (!tokens(h['vary']).includes('origin')) wrong.push(`Vary ${show(h['vary'])}`);
      const methods = tokens(h['access-control-allow-methods']);
      // POST is a CORS-safelisted method: an answer without Allow-Methods still permits it.
      if (methods.length > 0 && !methods.includes('post')) wrong.push(`Access-Control-Allow-Methods ${show(h['access-control-allow-methods'])}`);
      // With credentials `*` is no wildcard, so the requested header must be listed by name.
      if (!tokens(h['access-control-allow-headers']).includes(REQUESTED_HEADERS)) wrong.push(`Access-Control-Allow-Headers ${show(h['access-control-allow-headers'])}`);
      if (wrong.length > 0) problems.push(`${path}: ${wrong.join(', ')}`);
    }
    if (problems.length === 0) {
      return pass(`${PREFLIGHT_PATHS.join(', ')}: allowed for ${target.siteOrigin} with credentials, Vary: Origin`);
    }
    return fail(problems.join('; '),
      `preflights must echo the Origin ${target.siteOrigin} (not *), send Access-Control-Allow-Credentials: true, Vary: Origin and allow the requested headers, ` +
        'or browsers drop events and flags (CORS error in the browser console); a response headers policy with a CORS config that overrides the origin\'s does this',
      `${corsFix(target)}; remove any CORS response headers policy of yours from the proxy's behaviors: the proxy answers preflights itself`);
  },
};
