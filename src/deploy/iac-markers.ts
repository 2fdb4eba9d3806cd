/**
 * Is the distribution owned by infrastructure code? Attaching by API to such a distribution works only until
 * that code next deploys it: CloudFormation owns the whole DistributionConfig and puts its own back at the
 * stack's next update of the distribution (PLATFORM.md section 6: ks888/LambStatus#96,
 * aws-samples/cloudfront-authorization-at-edge#154), and Terraform does the same on its next apply. So attach
 * looks for the cheap markers first and, unless told to go ahead, changes nothing and says what to do.
 *
 * Markers: the tag `aws:cloudformation:stack-name`, which CloudFormation puts on every resource it creates
 * that supports tags (CloudFormation User Guide, "Resource tag"; CDK and Serverless deploy through
 * CloudFormation too); a CallerReference starting `terraform-` (the Terraform AWS provider's generated
 * unique id; Pulumi's AWS provider is built on it); and tags such as `ManagedBy`, `managed-by`,
 * `terraform`, `pulumi:*`.
 */
import type { Tag } from '@aws-sdk/client-cloudfront';

export interface IacMarker {
  /** Who owns it: "CloudFormation stack site-prod", "Terraform", ... */
  owner: string;
  /** What gave it away. */
  evidence: string;
  /** The snippet format that fits. */
  format: 'cloudformation' | 'terraform' | 'cdk';
}

export function iacMarkers(tags: Tag[], config: { CallerReference?: string }): IacMarker[] {
  const markers: IacMarker[] = [];
  for (const { Key = '', Value = '' } of tags) {
    if (Key === 'aws:cloudformation:stack-name') markers.push({ owner: `CloudFormation stack ${Value}`, evidence: `tag ${Key}=${Value}`, format: 'cloudformation' });
    else if (/^(managed[-_ ]?by|managedby)$/i.test(Key) && Value) markers.push({ owner: Value, evidence: `tag ${Key}=${Value}`, format: /terraform|pulumi|opentofu/i.test(Value) ? 'terraform' : /cdk/i.test(Value) ? 'cdk' : 'cloudformation' });
    else if (/^(terraform|pulumi|opentofu)(:|$)/i.test(Key)) markers.push({ owner: Key.split(':')[0], evidence: `tag ${Key}`, format: 'terraform' });
  }
  if (config.CallerReference?.startsWith('terraform-')) {
    markers.push({ owner: 'Terraform (or Pulumi)', evidence: `CallerReference ${config.CallerReference}`, format: 'terraform' });
  }
  return markers;
}

/** What happens and what to do, for the error attach stops with. */
export function iacAdvice(distributionId: string, markers: IacMarker[], stage: string): string {
  const m = markers[0];
  return (
    `${distributionId} is managed by ${m.owner} (${markers.map((x) => x.evidence).join(', ')}). Attaching by API works only until that ` +
    'code next deploys the distribution: it puts its own configuration back, the proxy\'s behaviors vanish and events go to your site. ' +
    `Add the proxy to that code instead: "posthog-cloudfront snippet --format ${m.format} --stage ${stage}" prints the origins and behaviors ` +
    'to paste (formats: cloudformation, terraform, cdk). If that code never touches the distribution again, attach anyway with --force-iac. Nothing was changed.'
  );
}
