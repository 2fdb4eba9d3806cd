/**
 * After attach has switched a distribution to this stack's current viewer-request function, the functions an
 * earlier layout used (kept by `UpdateReplacePolicy: Retain`, see cloudformation-resources.ts) are deleted.
 * CloudFront refuses to delete a function a distribution still uses (FunctionInUse, CloudFront API Reference,
 * DeleteFunction), which is the guard: such a function is kept and named, never forced.
 */
import { DeleteFunctionCommand, DescribeFunctionCommand, ListFunctionsCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { functionNameOfArn, stackKey, stackKeyOfFunction } from './resource-names.ts';

export interface FunctionCleanup {
  deleted: string[];
  /** Still associated with some distribution (FunctionInUse), with CloudFront's reason. */
  inUse: string[];
}

/** This stack's viewer-request functions other than `currentArn`'s, by name. */
export async function replacedFunctions(client: CloudFrontClient, stackName: string, currentArn: string): Promise<string[]> {
  const us = stackKey(stackName);
  const current = functionNameOfArn(currentArn);
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const { FunctionList } = await client.send(new ListFunctionsCommand({ Marker: marker }));
    for (const f of FunctionList?.Items ?? []) {
      if (f.Name && f.Name !== current && stackKeyOfFunction(f.Name) === us && !names.includes(f.Name)) names.push(f.Name);
    }
    marker = FunctionList?.NextMarker || undefined;
  } while (marker);
  return names;
}

export async function deleteReplacedFunctions(client: CloudFrontClient, stackName: string, currentArn: string, log: (line: string) => void): Promise<FunctionCleanup> {
  const result: FunctionCleanup = { deleted: [], inUse: [] };
  for (const name of await replacedFunctions(client, stackName, currentArn)) {
    try {
      const { ETag } = await client.send(new DescribeFunctionCommand({ Name: name }));
      await client.send(new DeleteFunctionCommand({ Name: name, IfMatch: ETag }));
      result.deleted.push(name);
      log(`- viewer-request function ${name} (an earlier layout's, no longer used)`);
    } catch (error) {
      if ((error as Error).name !== 'FunctionInUse') throw error;
      result.inUse.push(name);
      log(`  kept viewer-request function ${name}: a distribution still uses it (${(error as Error).message})`);
    }
  }
  return result;
}
