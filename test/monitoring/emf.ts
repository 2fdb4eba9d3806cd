/**
 * Reads a CloudWatch embedded-metric-format line as CloudWatch does (AWS: "Specification: Embedded metric
 * format"): a JSON object whose `_aws` holds a Timestamp and CloudWatchMetrics directives; every dimension
 * and metric a directive names must be a top-level member, dimensions strings and metric values numbers.
 * Returns the metrics per namespace with their dimension values, or throws saying what is wrong.
 */
export interface EmfMetrics {
  namespace: string;
  dimensions: Record<string, string>;
  values: Record<string, number>;
}

export function parseEmf(line: string): EmfMetrics[] {
  const root = JSON.parse(line) as Record<string, unknown>;
  const aws = root._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  if (aws === undefined || typeof aws !== 'object') throw new Error('no _aws member');
  if (typeof aws.Timestamp !== 'number' || !Number.isInteger(aws.Timestamp)) throw new Error('_aws.Timestamp must be an integer of milliseconds');
  if (!Array.isArray(aws.CloudWatchMetrics) || aws.CloudWatchMetrics.length === 0) throw new Error('_aws.CloudWatchMetrics must be a non-empty array');
  return aws.CloudWatchMetrics.map((d: { Namespace?: unknown; Dimensions?: unknown; Metrics?: unknown }) => {
    if (typeof d.Namespace !== 'string' || d.Namespace === '' || d.Namespace.length > 1024) throw new Error('Namespace must be a non-empty string');
    if (!Array.isArray(d.Dimensions)) throw new Error('Dimensions must be an array of dimension sets');
    const dimensions: Record<string, string> = {};
    for (const set of d.Dimensions) {
      if (!Array.isArray(set) || set.length > 30) throw new Error('a dimension set must be an array of at most 30 names');
      for (const name of set) {
        if (typeof root[name] !== 'string') throw new Error(`dimension ${name} must be a top-level string member`);
        dimensions[name] = root[name] as string;
      }
    }
    if (!Array.isArray(d.Metrics) || d.Metrics.length > 100) throw new Error('Metrics must be an array of at most 100 metrics');
    const values: Record<string, number> = {};
    for (const m of d.Metrics as { Name?: unknown; Unit?: unknown }[]) {
      if (typeof m.Name !== 'string' || m.Name === '' || m.Name.length > 1024) throw new Error('a metric Name must be a non-empty string');
      const value = root[m.Name];
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`metric ${m.Name} must be a top-level number`);
      values[m.Name] = value;
    }
    return { namespace: d.Namespace, dimensions, values };
  });
}
