/** What BENCHMARKS.md records about where and when it was measured. */
import os from 'node:os';

export function machineLines(now: Date): string[] {
  const cpus = os.cpus();
  return [
    `- Date: ${now.toISOString()}`,
    `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}`,
    `- Node: ${process.version} (V8 ${process.versions.v8})`,
    `- Load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} (the machine is shared: read the ratios, not the absolute times)`,
  ];
}
