/**
 * Checks CloudFormation resource properties against the official resource schemas shipped in
 * @aws-cdk/aws-service-spec: unknown property names, missing required ones, and value types. Intrinsic
 * functions ({Ref}, {Fn::…}) are accepted wherever a value is.
 */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface PropType { type: string; reference?: { $ref: string }; element?: PropType; types?: PropType[] }
interface Prop { type: PropType; required?: boolean; previousTypes?: PropType[] }
interface Entity { $id: string; cloudFormationType?: string; name: string; properties: Record<string, Prop> }

const require = createRequire(import.meta.url);
const db = JSON.parse(gunzipSync(readFileSync(require.resolve('@aws-cdk/aws-service-spec/db.json.gz'))).toString('utf8'));
const resources = new Map<string, Entity>(db.schema.resource.entities.map((e: Entity) => [e.cloudFormationType, e]));
const types = new Map<string, Entity>(db.schema.typeDefinition.entities.map((e: Entity) => [e.$id, e]));

const isIntrinsic = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && /^(Ref|Fn::\w+)$/.test(Object.keys(v)[0]);

function checkValue(value: unknown, type: PropType, path: string): string[] {
  if (isIntrinsic(value)) return [];
  switch (type.type) {
    case 'string': return typeof value === 'string' ? [] : [`${path}: expected string, got ${JSON.stringify(value)}`];
    case 'number': case 'integer': return typeof value === 'number' ? [] : [`${path}: expected ${type.type}, got ${JSON.stringify(value)}`];
    case 'boolean': return typeof value === 'boolean' ? [] : [`${path}: expected boolean, got ${JSON.stringify(value)}`];
    case 'json': return [];
    case 'array': return Array.isArray(value) ? value.flatMap((v, i) => checkValue(v, type.element!, `${path}[${i}]`)) : [`${path}: expected array`];
    case 'map': return value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => checkValue(v, type.element!, `${path}.${k}`)) : [`${path}: expected map`];
    case 'union': return type.types!.some((t) => checkValue(value, t, path).length === 0) ? [] : [`${path}: matches none of the union's types`];
    case 'ref': {
      const def = types.get(type.reference!.$ref)!;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected ${def.name} object`];
      return checkProperties(value as Record<string, unknown>, def.properties, path);
    }
    default: return [];
  }
}

function checkProperties(value: Record<string, unknown>, props: Record<string, Prop>, path: string): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(value)) if (!(key in props)) problems.push(`${path}.${key}: not a property`);
  for (const [key, prop] of Object.entries(props)) {
    if (!(key in value)) {
      if (prop.required) problems.push(`${path}.${key}: required`);
      continue;
    }
    const candidates = [prop.type, ...(prop.previousTypes ?? [])];
    const results = candidates.map((t) => checkValue(value[key], t, `${path}.${key}`));
    if (results.every((r) => r.length > 0)) problems.push(...results[0]);
  }
  return problems;
}

/** Problems of one resource (`Type` and `Properties`), empty when it matches the schema. */
export function schemaProblems(logicalId: string, resource: { Type: string; Properties: Record<string, unknown> }): string[] {
  const entity = resources.get(resource.Type);
  if (!entity) return [`${logicalId}: unknown resource type ${resource.Type}`];
  return checkProperties(resource.Properties, entity.properties, logicalId);
}
