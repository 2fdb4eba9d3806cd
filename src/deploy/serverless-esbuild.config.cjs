// serverless-esbuild's `config` in this checkout (serverless.yml custom.esbuild.config): the options of
// serverless-esbuild-options.ts, loaded through tsx. CommonJS because serverless-esbuild require()s it and
// calls it synchronously. An installed package has lib/serverless-esbuild.config.cjs, the same module compiled.
const { require: tsRequire } = require('tsx/cjs/api');

module.exports = (serverless) => tsRequire('./serverless-esbuild-options.ts', __filename).default(serverless);
