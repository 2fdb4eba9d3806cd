// Entry of the canary Lambda (us-east-1, scheduled): verify's checks against the proxy, one EMF line to stdout
// (CloudWatch turns it into metrics). Settings come from the environment the template sets.
import { canarySettingsFromEnv, runCanary } from '../src/monitoring/canary-run.ts';
import { fetchClient } from '../src/verify/http-client.ts';

export const handler = async () => {
  const { report, line } = await runCanary(canarySettingsFromEnv(process.env), fetchClient);
  console.log(line);
  return { ok: report.ok, counts: report.counts };
};
