/**
 * What `attach --dry-run` can say without AWS: the origins and behaviors the configuration's layout adds,
 * from the local files alone. Comparing them with the live distribution needs credentials.
 */
import type { DistributionLayout } from '../../distribution/distribution-layout.ts';

export function layoutPreview(layout: DistributionLayout, distributionId: string): string[] {
  return [
    `${distributionId}: attach would add (from the configuration alone; not compared with the live distribution):`,
    ...layout.origins.map((o) => `  + origin   ${o.id}  https://${o.domainName}`),
    ...layout.behaviors.map(
      (b) => `  + behavior ${b.pathPattern ?? '(default)'}  -> ${b.originId}  viewer-request function${b.originResponse ? ' + origin-response Lambda@Edge' : ''}`,
    ),
  ];
}
