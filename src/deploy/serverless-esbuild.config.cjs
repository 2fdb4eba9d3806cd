// serverless-esbuild's `config` (serverless.yml custom.esbuild.config). serverless-esbuild require()s this file
// and calls it synchronously with the serverless instance; what it returns goes to esbuild (plus the entry
// from the handler and an output directory). CommonJS because of that require(); the options come from
// originResponseOptions() in src/build/build-functions.ts, the list buildOriginResponse() uses.
const { require: tsRequire } = require('tsx/cjs/api');

module.exports = (serverless) => {
  const hooks = tsRequire('./serverless-hooks.ts', __filename);
  try {
    return hooks.esbuildPluginOptions(hooks.pluginSettings(serverless, {}, () => {}));
  } catch (error) {
    // A bad configuration: the message, as Serverless shows its own errors, not a stack.
    throw hooks.toServerlessError(error, serverless.classes && serverless.classes.Error);
  }
};
