/**
 * Whether the assets host and the main host behind the proxy are the same PostHog (no US/EU mix). The
 * proxy hides which hosts it reaches, so this asks each whether it knows the project token: PostHog
 * answers remote config for an unknown token with 404 (posthog/api/remote_config.py raises Http404), and
 * flags with 401 (unverified: 403 is read the same way). A project lives in one region, so a token known to
 * one host and unknown to the other means the hosts are of different regions. When neither knows it (a
 * wrong token) or either answers something else, the region is not detectable and the check is skipped.
 * Behind a self-hosted upstream both routes reach upstream.apiHost, or upstream.assetsHost for the assets: the
 * same question then tells whether assetsHost serves the same instance (and project) as apiHost.
 */
import { fail, pass, skip } from '../check-result.ts';
import type { Check } from '../check.ts';
import { edgeRefusal } from '../diagnose.ts';
import { flagsRequest } from './flags-request.ts';

type Knows = 'yes' | 'no' | 'unknown';

function knowsToken(status: number, rejected: number[]): Knows {
  if (status === 200) return 'yes';
  return rejected.includes(status) ? 'no' : 'unknown';
}

const MIXED_FIX = 'use one region for both origins: us.i.posthog.com with us-assets.i.posthog.com, or eu.i.posthog.com with eu-assets.i.posthog.com ' +
  '(set `region` to the project\'s region, rebuild and redeploy; with attach, check no origin of yours points at the other region); ' +
  'self-hosted: `upstream.assetsHost` must serve the same instance as `upstream.apiHost` (or drop it: it defaults to apiHost)';

export const sameRegion: Check = {
  id: 'same-region',
  title: 'Assets and main host of the same region',
  async run(target, probe) {
    const configPath = `/array/${target.token}/config`;
    const config = await probe({ method: 'GET', url: target.apiHost + configPath, headers: { origin: target.siteOrigin } });
    const flags = await probe(flagsRequest(target, '?v=2'));
    const refusal = edgeRefusal(target, configPath, config) ?? edgeRefusal(target, '/flags/?v=2', flags);
    if (refusal) return refusal;
    const assets = knowsToken(config.status, [404]);
    const main = knowsToken(flags.status, [401, 403]);
    const seen = `assets host (${configPath}): ${config.status}, main host (/flags/?v=2): ${flags.status}`;
    if (assets === 'yes' && main === 'yes') return pass(`${seen}: both know the token (one PostHog: one Cloud region, or one self-hosted instance)`);
    if (assets === 'yes' && main === 'no') {
      return fail(`${seen}: only the assets host knows the token`, 'the main host is of another PostHog region than the assets host and the project (self-hosted: another instance)', MIXED_FIX);
    }
    if (assets === 'no' && main === 'yes') {
      return fail(`${seen}: only the main host knows the token`, 'the assets host is of another PostHog region than the main host and the project (self-hosted: upstream.assetsHost is another instance)', MIXED_FIX);
    }
    return skip(`not detectable: ${seen} (neither host confirms the token; check --token)`);
  },
};
