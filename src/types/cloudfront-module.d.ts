// The module cloudfront-js-2.0 injects for `import cf from 'cloudfront'`.
declare module 'cloudfront' {
  import type { CloudFrontModule } from '../edge/cloudfront-function-types.ts';
  const cf: CloudFrontModule;
  export default cf;
}
