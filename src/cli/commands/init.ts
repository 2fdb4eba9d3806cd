/**
 * `posthog-cloudfront init`: writes posthog-proxy.config.json from a few questions, or from flags for
 * scripts (`--region eu --site https://example.com --yes`). Refuses to overwrite without --force, then
 * prints the next two commands.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE } from '../../config/load-config.ts';
import { ProxyError } from '../../errors/proxy-error.ts';
import { parseOptions, UsageError, type Command, type CommandDeps } from '../command.ts';
import { initConfig, randomPrefix, siteOrigin, type InitAnswers } from '../init-config.ts';

export const USAGE = `Usage: posthog-cloudfront init [--region us|eu | --host HOST] [--site ORIGIN]... [--distribution-id ID] [--prefix /PATH] [--config FILE] [--yes] [--force]
Writes ${DEFAULT_CONFIG_FILE} from a few questions; with --yes, from the flags alone (defaults for the rest).

  --region us|eu        PostHog Cloud region (default us)
  --host HOST           self-hosted PostHog instead, e.g. posthog.example.com
  --site ORIGIN         a site whose pages use the proxy, e.g. https://example.com (repeatable; becomes allowedOrigins)
  --distribution-id ID  attach to this existing CloudFront distribution instead of creating one
  --prefix /PATH        the path the proxy lives under (default: a random one no ad-blocker list matches)
  --config FILE         where to write (default ${DEFAULT_CONFIG_FILE})
  --yes                 ask nothing
  --force               overwrite an existing file`;

/** Thrown when the file exists and --force was not given. */
export class InitExistsError extends ProxyError {}

async function ask(deps: CommandDeps, question: string, fallback: string): Promise<string> {
  const answer = (await deps.ask(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim();
  return answer === '' ? fallback : answer;
}

export const command: Command = async (argv, deps) => {
  const { values } = parseOptions(argv, {
    region: { type: 'string' },
    host: { type: 'string' },
    site: { type: 'string', multiple: true },
    'distribution-id': { type: 'string' },
    prefix: { type: 'string' },
    config: { type: 'string', default: DEFAULT_CONFIG_FILE },
    yes: { type: 'boolean', short: 'y', default: false },
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    deps.out(USAGE);
    return 0;
  }
  const file = resolve(values.config!);
  if (existsSync(file) && !values.force) {
    throw new InitExistsError(`${file} exists already; pass --force to overwrite it, or --config FILE to write another file`);
  }
  if (values.region !== undefined && values.region !== 'us' && values.region !== 'eu') throw new UsageError(`--region ${JSON.stringify(values.region)}: use us or eu (or --host HOST for self-hosted PostHog)`);
  if (values.region !== undefined && values.host !== undefined) throw new UsageError('--region and --host: pass one; --region for PostHog Cloud, --host for self-hosted PostHog');
  let sites = values.site ?? [];
  for (const s of sites) {
    try {
      siteOrigin(s);
    } catch {
      throw new UsageError(`--site ${JSON.stringify(s)} is not a site; write its origin, e.g. --site https://example.com`);
    }
  }
  let region: 'us' | 'eu' | null = (values.region as 'us' | 'eu' | undefined) ?? (values.host ? null : 'us');
  let host = values.host ?? null;
  let distributionId = values['distribution-id'] ?? null;
  const prefix = values.prefix ?? randomPrefix();
  if (!values.yes && values.region === undefined && values.host === undefined) {
    const where = await ask(deps, 'PostHog Cloud region (us or eu), or the host of your self-hosted PostHog', 'us');
    if (where === 'us' || where === 'eu') region = where;
    else [region, host] = [null, where.replace(/^https?:\/\//, '').replace(/\/.*$/, '')];
  }
  if (!values.yes && values['distribution-id'] === undefined) {
    const id = await ask(deps, 'Attach to an existing CloudFront distribution? Its id (E...), or empty for a new distribution', '');
    distributionId = id === '' ? null : id;
  }
  if (!values.yes && values.site === undefined) {
    const answer = await ask(deps, 'Your sites, comma-separated (e.g. https://example.com), or empty to allow any', '');
    sites = answer.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
  const answers: InitAnswers = {
    region,
    host,
    sites,
    distributionId,
    pathPrefix: prefix,
    $schema: existsSync(resolve('posthog-proxy.config.schema.json'))
      ? './posthog-proxy.config.schema.json'
      : './node_modules/posthog-cloudfront-proxy/posthog-proxy.config.schema.json',
  };
  const config = initConfig(answers);
  writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
  const configFlag = values.config === DEFAULT_CONFIG_FILE ? '' : ` --config ${values.config}`;
  deps.out(
    [
      `wrote ${file} (pathPrefix ${prefix}${sites.length > 0 ? `, allowedOrigins ${JSON.stringify(config.allowedOrigins)}` : ''})`,
      '',
      'Next:',
      `  npx posthog-cloudfront dev${configFlag}                # try it locally: local edge, mock PostHog, demo site`,
      `  npx serverless deploy --stage prod${configFlag ? ` --param="config=${values.config}"` : ''}   # deploy it (AWS credentials needed)`,
    ].join('\n'),
  );
  return 0;
};
