/**
 * Preloaded into a command the bench times (`node --import dist/bench/usage-probe.js bin/hub-assistant.js …`): when
 * that process exits, writes its own resource usage (peak resident memory `maxRSS` in KiB, CPU times) as JSON to
 * the file named by BENCH_USAGE_FILE. The command itself runs unchanged.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', (code) => {
    writeFileSync(file, JSON.stringify({ code, ...process.resourceUsage() }));
  });
}
