/**
 * `posthog-cloudfront verify <proxy-url> --token <phc_...>`: checks a live proxy from the outside (see
 * src/verify/). Exit code 0 when no check failed, 1 when one did, 2 for bad arguments.
 */
import { fetchClient } from '../../verify/http-client.ts';
import { renderTable } from '../../verify/render-table.ts';
import { DEFAULT_TIMEOUT_MS, runChecks } from '../../verify/run-checks.ts';
import { DEFAULT_SITE_ORIGIN, parseTarget, tokenShapeWarning, VerifyTargetError } from '../../verify/verify-target.ts';
import { parseOptions, UsageError, type Command } from '../command.ts';

export const VERIFY_USAGE = `Usage: posthog-cloudfront verify <proxy-url> --token <phc_project_token> [--site-origin ORIGIN] [--json] [--capture] [--timeout-ms N]

  <proxy-url>        the SDK's api_host: the distribution's URL, including the pathPrefix if any
  --token T          the project API key (phc_...)
  --site-origin O    the origin of your site, sent as Origin (default ${DEFAULT_SITE_ORIGIN})
  --json             print the report as JSON (shape: docs/verify.md)
  --capture          also send one $posthog_cloudfront_verify event to the project (never sent without it)
  --timeout-ms N     time each check may take (default ${DEFAULT_TIMEOUT_MS})`;

export const command: Command = async (argv, deps) => {
  const { values, positionals } = parseOptions(argv, {
    token: { type: 'string' },
    'site-origin': { type: 'string' },
    json: { type: 'boolean', default: false },
    capture: { type: 'boolean', default: false },
    'timeout-ms': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, true);
  if (values.help) {
    deps.out(VERIFY_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`give exactly one proxy URL, e.g. posthog-cloudfront verify https://d111111abcdef8.cloudfront.net --token phc_...\n\n${VERIFY_USAGE}`);
  const timeoutText = values['timeout-ms'];
  if (timeoutText !== undefined && (!/^\d{1,7}$/.test(timeoutText) || Number(timeoutText) < 1)) {
    throw new UsageError(`--timeout-ms ${JSON.stringify(timeoutText)} is not a number of milliseconds; write e.g. --timeout-ms 5000`);
  }
  let target;
  try {
    target = parseTarget({ url: positionals[0], token: values.token, siteOrigin: values['site-origin'], capture: values.capture });
  } catch (error) {
    if (error instanceof VerifyTargetError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  const tokenWarning = tokenShapeWarning(target.token);
  if (tokenWarning) deps.err(tokenWarning);
  const report = await runChecks(target, fetchClient, { timeoutMs: timeoutText === undefined ? DEFAULT_TIMEOUT_MS : Number(timeoutText) });
  deps.out(values.json ? JSON.stringify(report, null, 2) : renderTable(report));
  return report.ok ? 0 : 1;
};
