import { resolve } from 'node:path';
import { buildFunctions } from '../../build/build-functions.ts';
import { LIMITS } from '../../build/function-limits.ts';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../config/load-config.ts';
import { parseOptions, type Command } from '../command.ts';

export const command: Command = async (argv) => {
  const { values } = parseOptions(argv, {
    config: { type: 'string', default: DEFAULT_CONFIG_FILE },
    out: { type: 'string', default: 'dist' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log('Usage: posthog-cloudfront build [--config FILE] [--out DIR]');
    return 0;
  }
  const config = loadConfig(values.config);
  const built = await buildFunctions(config, resolve(values.out!));
  console.log(`viewer-request  (CloudFront Function) ${built.viewerRequest.file}  ${built.viewerRequest.bytes} bytes (AWS limit ${LIMITS.cloudFrontFunctionBytes})`);
  console.log(`origin-response (Lambda@Edge)         ${built.originResponse.file}  ${built.originResponse.bytes} bytes`);
  return 0;
};
