/**
 * A fake of the Lambda API (REST-JSON, 2015-03-31) for the prune command: ListFunctions,
 * ListVersionsByFunction, GetFunction (configuration and tags), ListTags, DeleteFunction (a version with
 * ?Qualifier=N, or the whole function). A version CloudFront still has replicas of cannot be deleted; Lambda
 * then answers InvalidParameterValueException "Lambda was unable to delete <arn> because it is a replicated
 * function..." (AWS, "Delete Lambda@Edge functions and replicas"; the text as users report it, e.g.
 * aws-samples/cloudfront-authorization-at-edge#246). Deleting the whole function fails the same way while
 * any version has replicas.
 */
import type { FakeRequest, FakeResponse, FakeService } from './fake-service.ts';
import { requestIdHeaders } from './fake-service.ts';
import { ACCOUNT_ID } from './fake-cloudfront.ts';

export interface FakeLambdaFunction {
  name: string;
  /** Published versions (numbers), oldest first. */
  versions: number[];
  /** Versions CloudFront still has replicas of. */
  replicas: Set<number>;
  tags: Record<string, string>;
}

const arnOf = (name: string, version?: number | string) => `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:${name}${version === undefined ? '' : `:${version}`}`;

export class FakeLambda implements FakeService {
  readonly envKey = 'LAMBDA';
  readonly functions = new Map<string, FakeLambdaFunction>();

  putFunction(name: string, options: { versions?: number[]; replicas?: number[]; tags?: Record<string, string> } = {}): FakeLambdaFunction {
    const f = { name, versions: options.versions ?? [1], replicas: new Set(options.replicas ?? []), tags: options.tags ?? {} };
    this.functions.set(name, f);
    return f;
  }

  /** CloudFront has removed the replicas of a version (hours after its last association went). */
  releaseReplicas(name: string, version?: number): void {
    const f = this.functions.get(name);
    if (!f) return;
    if (version === undefined) f.replicas.clear();
    else f.replicas.delete(version);
  }

  handle(r: FakeRequest): FakeResponse & { operation: string } {
    const parts = r.path.split('/').filter(Boolean).map(decodeURIComponent);
    const [api, collection, name, sub] = parts;
    if (api === '2017-03-31' && collection === 'tags' && r.method === 'GET') {
      const fn = this.byArnOrName(parts.slice(2).join('/'));
      return fn ? json('ListTags', 200, { Tags: fn.tags }) : notFound('ListTags', parts.slice(2).join('/'));
    }
    if (api !== '2015-03-31' || collection !== 'functions') return json('Unknown', 400, { Type: 'User', message: `the fake Lambda does not implement ${r.method} ${r.path}` }, 'InvalidRequestContentException');
    if (name === undefined && r.method === 'GET') return this.list(r);
    const fn = this.byArnOrName(name);
    if (r.method === 'GET' && sub === 'versions') return fn ? this.versions(fn, r) : notFound('ListVersionsByFunction', name);
    if (r.method === 'GET' && sub === undefined) {
      if (!fn) return notFound('GetFunction', name);
      const qualifier = r.query.get('Qualifier');
      if (qualifier && qualifier !== '$LATEST' && !fn.versions.includes(Number(qualifier))) return notFound('GetFunction', arnOf(fn.name, qualifier));
      return json('GetFunction', 200, { Configuration: configuration(fn, qualifier ?? '$LATEST'), Code: { RepositoryType: 'S3', Location: 'https://fake.invalid/code.zip' }, Tags: fn.tags });
    }
    if (r.method === 'DELETE' && sub === undefined) return fn ? this.delete(fn, r) : notFound('DeleteFunction', name);
    return json('Unknown', 400, { Type: 'User', message: `the fake Lambda does not implement ${r.method} ${r.path}` }, 'InvalidRequestContentException');
  }

  private byArnOrName(nameOrArn: string | undefined): FakeLambdaFunction | undefined {
    if (!nameOrArn) return undefined;
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.split(':')[6] : nameOrArn;
    return this.functions.get(name);
  }

  private list(r: FakeRequest): FakeResponse & { operation: string } {
    const all = [...this.functions.values()];
    const start = Number(r.query.get('Marker') || 0);
    const max = Number(r.query.get('MaxItems') || 50);
    const page = all.slice(start, start + max);
    return json('ListFunctions', 200, { Functions: page.map((f) => configuration(f, '$LATEST')), ...(start + max < all.length ? { NextMarker: String(start + max) } : {}) });
  }

  private versions(fn: FakeLambdaFunction, r: FakeRequest): FakeResponse & { operation: string } {
    const all = ['$LATEST', ...fn.versions.map(String)];
    const start = Number(r.query.get('Marker') || 0);
    const max = Number(r.query.get('MaxItems') || 50);
    const page = all.slice(start, start + max);
    return json('ListVersionsByFunction', 200, { Versions: page.map((v) => configuration(fn, v)), ...(start + max < all.length ? { NextMarker: String(start + max) } : {}) });
  }

  private delete(fn: FakeLambdaFunction, r: FakeRequest): FakeResponse & { operation: string } {
    const qualifier = r.query.get('Qualifier');
    if (qualifier !== null) {
      const version = Number(qualifier);
      if (!fn.versions.includes(version)) return notFound('DeleteFunction', arnOf(fn.name, qualifier));
      if (fn.replicas.has(version)) return replicated(arnOf(fn.name, version));
      fn.versions = fn.versions.filter((v) => v !== version);
      return { operation: 'DeleteFunction', status: 204, headers: requestIdHeaders() };
    }
    const replicatedVersion = fn.versions.find((v) => fn.replicas.has(v));
    if (replicatedVersion !== undefined) return replicated(arnOf(fn.name, replicatedVersion));
    this.functions.delete(fn.name);
    return { operation: 'DeleteFunction', status: 204, headers: requestIdHeaders() };
  }
}

function configuration(fn: FakeLambdaFunction, version: string) {
  return {
    FunctionName: fn.name,
    FunctionArn: arnOf(fn.name, version === '$LATEST' ? undefined : version),
    Runtime: 'nodejs22.x',
    Role: `arn:aws:iam::${ACCOUNT_ID}:role/fake-edge-role`,
    Handler: 'functions/origin-response.handler',
    CodeSize: 1024,
    Timeout: 5,
    MemorySize: 128,
    LastModified: '2026-01-01T00:00:00.000+0000',
    Version: version,
    PackageType: 'Zip',
  };
}

function json(operation: string, status: number, body: unknown, errorType?: string): FakeResponse & { operation: string } {
  return {
    operation,
    status,
    headers: { 'content-type': 'application/json', ...requestIdHeaders(), ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
    body: JSON.stringify(body),
  };
}

const notFound = (operation: string, what: string) => json(operation, 404, { Type: 'User', message: `Function not found: ${what}` }, 'ResourceNotFoundException');

const replicated = (arn: string) =>
  json('DeleteFunction', 400, { Type: 'User', message: `Lambda was unable to delete ${arn} because it is a replicated function. Please see our documentation for Deleting Lambda@Edge Functions and Replicas.` }, 'InvalidParameterValueException');
