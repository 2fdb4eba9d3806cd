/**
 * A fake of the CloudFormation API (awsQuery: form-encoded POST, XML answers) for what this project reads:
 * DescribeStacks (one stack by name, or all live ones), with ValidationError "Stack with id X does not
 * exist" for a missing or deleted stack, as CloudFormation answers.
 */
import type { FakeRequest, FakeResponse, FakeService } from './fake-service.ts';
import { requestIdHeaders } from './fake-service.ts';
import { buildXml, el } from './xml.ts';

const XMLNS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

export interface FakeStack {
  name: string;
  status: string;
  outputs: Record<string, string>;
  tags?: Record<string, string>;
}

export class FakeCloudFormation implements FakeService {
  readonly envKey = 'CLOUDFORMATION';
  readonly stacks = new Map<string, FakeStack>();

  putStack(stack: FakeStack): void {
    this.stacks.set(stack.name, stack);
  }

  /** As `serverless remove` leaves it: DescribeStacks by name then says it does not exist. */
  deleteStack(name: string): void {
    this.stacks.delete(name);
  }

  handle(request: FakeRequest): FakeResponse & { operation: string } {
    const form = new URLSearchParams(request.body);
    const action = form.get('Action') ?? 'Unknown';
    if (action !== 'DescribeStacks') return { operation: action, ...error(400, 'InvalidAction', `the fake CloudFormation does not implement ${action}`) };
    const name = form.get('StackName');
    const stacks = name ? [this.stacks.get(name)] : [...this.stacks.values()];
    if (stacks.some((s) => s === undefined)) return { operation: action, ...error(400, 'ValidationError', `Stack with id ${name} does not exist`) };
    const members = (stacks as FakeStack[]).map((s) =>
      el(
        'member',
        el('StackName', s.name),
        el('StackId', `arn:aws:cloudformation:us-east-1:123456789012:stack/${s.name}/00000000-0000-0000-0000-000000000000`),
        el('CreationTime', new Date(0).toISOString()),
        el('StackStatus', s.status),
        el('Outputs', ...Object.entries(s.outputs).map(([k, v]) => el('member', el('OutputKey', k), el('OutputValue', v)))),
        el('Tags', ...Object.entries(s.tags ?? {}).map(([k, v]) => el('member', el('Key', k), el('Value', v)))),
      ),
    );
    const body = el('DescribeStacksResponse', el('DescribeStacksResult', el('Stacks', ...members)), el('ResponseMetadata', el('RequestId', 'fake')));
    return { operation: action, status: 200, headers: { 'content-type': 'text/xml', ...requestIdHeaders() }, body: buildXml(body, XMLNS) };
  }
}

function error(status: number, code: string, message: string): FakeResponse {
  const body = el('ErrorResponse', el('Error', el('Type', 'Sender'), el('Code', code), el('Message', message)), el('RequestId', 'fake'));
  return { status, headers: { 'content-type': 'text/xml', ...requestIdHeaders() }, body: buildXml(body, XMLNS) };
}
