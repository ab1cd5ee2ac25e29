/**
 * Fails (exit 1) when any of the project's TypeScript files import one another in a cycle, `import type` included,
 * printing each cycle as `a.ts → b.ts → a.ts`. Part of `npm run lint`; the finder and why it is ours are in
 * scripts/import-cycles.ts.
 * Run: npx tsx scripts/check-import-cycles.ts [tsconfig.json …] (default: tsconfig.json and web/tsconfig.json, which
 * between them include src/, dialogs/, bench/, test/, scripts/ and web/src/)
 */
import { realpathSync } from 'node:fs';
import { findCycles, formatCycle, importGraph, readProject } from './import-cycles.js';

const root = realpathSync(process.cwd());
const tsconfigs = process.argv.length > 2 ? process.argv.slice(2) : ['tsconfig.json', 'web/tsconfig.json'];
const graph = importGraph(tsconfigs.map(readProject));
const cycles = findCycles(graph);

if (cycles.length === 0) {
  const imports = [...graph.values()].reduce((sum, targets) => sum + targets.size, 0);
  console.log(`import cycles: none among ${graph.size} files (${imports} imports between them)`);
} else {
  console.error(`import cycles: ${cycles.length} (a cycle of type-only imports counts too)`);
  for (const cycle of cycles) console.error(`  ${formatCycle(cycle, root)}`);
  process.exitCode = 1;
}
