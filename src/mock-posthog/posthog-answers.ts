/**
 * The bodies a plausible PostHog answers with: remote config (JSON and the config.js script), flags
 * (v2 and the legacy decide shape), capture acknowledgements. Enough for posthog-js to initialise,
 * evaluate one flag and send events.
 */

export const DEMO_FLAG = 'local-demo-flag';

export function remoteConfig(token: string): Record<string, unknown> {
  return {
    token,
    supportedCompression: ['gzip', 'gzip-js'],
    hasFeatureFlags: true,
    captureDeadClicks: false,
    capturePerformance: false,
    autocapture_opt_out: false,
    autocaptureExceptions: false,
    analytics: { endpoint: '/i/v0/e/' },
    elementsChainAsString: true,
    sessionRecording: false,
    heatmaps: false,
    surveys: false,
    defaultIdentifiedOnly: true,
    siteApps: [],
  };
}

/** What `/array/<token>/config.js` returns: a script that registers the config for the SDK. */
export function remoteConfigScript(token: string): string {
  return `(function() {
  window._POSTHOG_REMOTE_CONFIG = window._POSTHOG_REMOTE_CONFIG || {};
  window._POSTHOG_REMOTE_CONFIG[${JSON.stringify(token)}] = {
    config: ${JSON.stringify(remoteConfig(token))},
    siteApps: []
  }
})();
`;
}

export function flagsAnswer(withConfig: boolean): Record<string, unknown> {
  const answer: Record<string, unknown> = {
    flags: {
      [DEMO_FLAG]: {
        key: DEMO_FLAG,
        enabled: true,
        variant: null,
        reason: { code: 'condition_match', condition_index: 0, description: 'Matched condition set 1' },
        metadata: { id: 1, version: 1, payload: null, description: null },
      },
    },
    featureFlags: { [DEMO_FLAG]: true },
    featureFlagPayloads: {},
    errorsWhileComputingFlags: false,
    quotaLimited: [],
    requestId: crypto.randomUUID(),
  };
  if (withConfig) Object.assign(answer, remoteConfig('flags'), { token: undefined, config: { enable_collect_everything: true } });
  return answer;
}

export const CAPTURE_OK = { status: 1 };
