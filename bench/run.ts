import os from 'node:os';
import path from 'node:path';
import { analyze } from '../src/pipeline/analyze.js';
import { measureSqlThroughput } from './sql-throughput.js';

/** Median of numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * `npm run bench [-- <repo> …]`: reported numbers, never asserted. SQL throughput on generated
 * statements, then the whole analysis of each repo given (median of three in-process runs after
 * one warm-up, with and without the type-aware pass).
 */
async function main(): Promise<void> {
  const output = process.stdout;
  output.write(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
  const sql = await measureSqlThroughput();
  output.write(`sql: extractTableAccesses on ${sql.statements} generated statements: median ${sql.median} statements/s (runs: ${sql.perSecond.join(', ')})\n`);
  for (const repo of process.argv.slice(2)) {
    const root = path.resolve(repo);
    for (const types of [true, false]) {
      analyze({ root, types });
      const times: number[] = [];
      let files = 0;
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        const result = analyze({ root, types });
        times.push(performance.now() - started);
        files = result.stats.files;
      }
      output.write(`analyze ${repo}${types ? '' : ' --no-types'}: ${files} files, median ${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')}), rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB\n`);
    }
  }
}

await main();
