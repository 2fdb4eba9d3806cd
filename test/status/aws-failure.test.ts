import { describe, expect, it } from 'vitest';
import { describeAwsFailure } from '../../src/status/aws-failure.ts';

const named = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });

/** [what the SDK threw, expected sentence (regex), missing] */
const CASES: Array<[string, unknown, RegExp, boolean]> = [
  ['no credentials', named('CredentialsProviderError', 'Could not load credentials from any providers'), /^no AWS credentials were found; give AWS credentials in one of these ways: pass --profile NAME/, false],
  ['expired session', named('ExpiredToken', 'The security token included in the request is expired'), /^the AWS credentials have expired; refresh them/, false],
  ['unknown key', named('InvalidClientTokenId', 'The security token included in the request is invalid.'), /^AWS rejected the credentials \(InvalidClientTokenId\)/, false],
  ['permission missing', named('AccessDenied', 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudwatch:GetMetricData'), /^the credentials may not call cloudwatch:GetMetricData: add it to their IAM policy \(docs\/iam-status-policy.json/, false],
  ['no DNS', named('Error', 'getaddrinfo ENOTFOUND monitoring.us-east-1.amazonaws.com', { code: 'ENOTFOUND' }), /^the AWS endpoint could not be reached \(ENOTFOUND\); check the network/, false],
  ['refused', named('Error', 'connect ECONNREFUSED 127.0.0.1:9', { code: 'ECONNREFUSED' }), /could not be reached \(ECONNREFUSED\)/, false],
  ['stack missing', named('ValidationError', 'Stack with id posthog-proxy-prod does not exist'), /^Stack with id posthog-proxy-prod does not exist$/, true],
  ['distribution missing', named('NoSuchDistribution', 'The specified distribution does not exist.'), /^no such distribution/, true],
  ['anything else', named('Throttling', 'Rate exceeded'), /^cloudwatch:GetMetricData failed: Throttling: Rate exceeded$/, false],
];

describe('describeAwsFailure', () => {
  it.each(CASES)('%s', (_, error, text, missing) => {
    // Act
    const failure = describeAwsFailure(error, 'cloudwatch:GetMetricData');
    // Assess
    expect(failure.text).toMatch(text);
    expect(failure.missing).toBe(missing);
    expect(failure.text).not.toMatch(/\n|    at /);
  });
});
