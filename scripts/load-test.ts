// `npm run test:load`: the full load run of issue 6. 10,000 event POSTs at concurrency 100 through the local
// edge (its own process) to a hashing origin, five 5 MB gzip bodies among them and one 64 MB recording,
// streamed. Fails unless every body arrives exactly once and byte-identical. Prints the figures for the README.
import { runLoad } from '../test/load/load-run.ts';

const options = { events: 10_000, concurrency: 100, largeBodies: 5, largeBodyBytes: 5 * 2 ** 20, recordingBytes: 64 * 2 ** 20 };
const f = await runLoad(options);
const mb = (n: number) => `${n.toFixed(1)} MB`;
console.log(`requests              ${f.requests} (${options.events} events + 1 recording), concurrency ${options.concurrency}`);
console.log(`200 responses         ${f.okResponses}`);
console.log(`lost / dup / altered  ${f.lost.length} / ${f.duplicated.length} / ${f.altered.length} (SHA-256 of every body, sent vs received)`);
console.log(`bytes sent            ${mb(f.bytesSent / 2 ** 20)}`);
console.log(`wall time             ${f.seconds.toFixed(1)} s (${f.requestsPerSecond.toFixed(0)} requests/s)`);
console.log(`edge RSS              ${mb(f.edgeBaselineMb)} idle, ${mb(f.edgePeakMb)} peak`);
console.log(`edge live growth      ${mb(f.edgeLiveGrowthMb)} (heap + Buffers, peak over idle; garbage included)`);
const failed = f.lost.length + f.duplicated.length + f.altered.length > 0 || f.okResponses !== f.requests;
if (failed) {
  for (const x of f.failures.slice(0, 10)) console.error(`answer ${x.status} to ${x.id}: ${x.body.trim()}`);
  console.error(`FAILED: lost ${f.lost.slice(0, 10).join(',')} duplicated ${f.duplicated.slice(0, 10).join(',')} altered ${f.altered.slice(0, 10).join(',')}`);
  process.exit(1);
}
