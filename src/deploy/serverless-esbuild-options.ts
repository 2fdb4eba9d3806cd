/**
 * serverless-esbuild's `config` (custom.esbuild.config): it require()s a CommonJS file and calls its export
 * synchronously with the serverless instance, at `initialize`, once every variable is resolved; what it returns
 * goes to esbuild, plus the entry (from the function's handler) and an output directory. The file is
 * src/deploy/serverless-esbuild.config.cjs in a checkout (this module through tsx) and
 * lib/serverless-esbuild.config.cjs once installed (this module compiled to CommonJS by scripts/build-lib.mjs).
 * It runs before the plugin's own hooks, so a bad configuration is reported from here, as the plugin reports it.
 */
import { toServerlessError, type ServerlessErrorClass } from './serverless-errors.ts';
import { esbuildPluginOptions } from './serverless-esbuild-mode.ts';
import { pluginSettings, type ServerlessLike } from './serverless-hooks.ts';

export default function serverlessEsbuildOptions(serverless: ServerlessLike & { classes?: { Error?: ServerlessErrorClass } }): Record<string, unknown> {
  try {
    return esbuildPluginOptions(pluginSettings(serverless, {}, () => {}));
  } catch (error) {
    throw toServerlessError(error, serverless.classes?.Error);
  }
}
