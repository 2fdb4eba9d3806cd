import { resolve } from 'node:path';
import { buildFunctions } from '../../build/build-functions.ts';
import { LIMITS } from '../../build/function-limits.ts';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load-config.ts';
import { parseOptions, type Command } from '../command.ts';

export const BUILD_USAGE = `Usage: posthog-cloudfront build [--config FILE] [--out DIR]

  --config FILE   configuration (default ${DEFAULT_CONFIG_FILE})
  --out DIR       where dist/viewer-request.js and dist/origin-response.mjs are written (default dist)`;

export const command: Command = async (argv, deps) => {
  const { values } = parseOptions(argv, {
    config: { type: 'string', default: DEFAULT_CONFIG_FILE },
    out: { type: 'string', default: 'dist' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    deps.out(BUILD_USAGE);
    return 0;
  }
  const config = loadConfig(values.config);
  const built = await buildFunctions(config, resolve(values.out!));
  deps.out(`viewer-request  (CloudFront Function) ${built.viewerRequest.file}  ${built.viewerRequest.bytes} bytes (AWS limit ${LIMITS.cloudFrontFunctionBytes})`);
  deps.out(`origin-response (Lambda@Edge)         ${built.originResponse.file}  ${built.originResponse.bytes} bytes`);
  return 0;
};
