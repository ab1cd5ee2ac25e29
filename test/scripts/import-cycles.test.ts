import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findCycles, formatCycle, importGraph, readProject } from '../../scripts/import-cycles.js';

// Each case is a tiny project written to a temporary folder, with the repo's module settings (ESM, NodeNext, so
// `./b.js` names b.ts), and the cycles the finder must print for it.
const TSCONFIG = JSON.stringify({
  compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true },
  include: ['.'],
});

const cases: { name: string; files: Record<string, string>; cycles: string[] }[] = [
  {
    name: 'a 2-cycle',
    files: {
      'a.ts': "import { b } from './b.js';\nexport const a = b;",
      'b.ts': "import './a.js';\nexport const b = 1;",
    },
    cycles: ['a.ts → b.ts → a.ts'],
  },
  {
    name: 'a 3-cycle across folders',
    files: {
      'a.ts': "import { b } from './lib/b.js';\nexport const a = b;",
      'lib/b.ts': "import { c } from '../c.js';\nexport const b = c;",
      'c.ts': "import { a } from './a.js';\nexport const c = a;",
    },
    cycles: ['a.ts → lib/b.ts → c.ts → a.ts'],
  },
  {
    name: 'a cycle of type-only imports',
    files: {
      'render.ts': "import type { Sms } from './sms.js';\nexport type Renderer = (s: Sms) => void;",
      'sms.ts': "import { type Renderer } from './render.js';\nexport type Sms = { r: Renderer };",
    },
    cycles: ['render.ts → sms.ts → render.ts'],
  },
  {
    name: 'a cycle through `export … from`, `import()` and a type query',
    files: {
      'a.ts': "export { b } from './b.js';",
      'b.ts': "export const b = () => import('./c.js');",
      'c.ts': "export type A = typeof import('./a.js');",
    },
    cycles: ['a.ts → b.ts → c.ts → a.ts'],
  },
  {
    name: 'a file that imports itself',
    files: { 'a.ts': "import * as self from './a.js';\nexport const a = self;" },
    cycles: ['a.ts → a.ts'],
  },
  {
    name: 'two cycles that share a file, each told once',
    files: {
      'a.ts': "import './b.js';\nimport './c.js';",
      'b.ts': "import './a.js';",
      'c.ts': "import './a.js';",
    },
    cycles: ['a.ts → b.ts → a.ts', 'a.ts → c.ts → a.ts'],
  },
  {
    name: 'a DAG (a diamond), a package and a missing file',
    files: {
      'a.ts': "import './b.js';\nimport './c.js';\nimport 'typescript';\nimport './gone.js';",
      'b.ts': "import './d.js';",
      'c.ts': "import './d.js';\n// import './a.js'; in a comment\nconst s = \"import './a.js'\";\nexport { s };",
      'd.ts': 'export const d = 1;',
    },
    cycles: [],
  },
];

describe('findCycles', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it.each(cases)('$name', ({ files, cycles }) => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'hub-assistant-cycles-')));
    dir = root;
    writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(root, 'tsconfig.json'), TSCONFIG);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const graph = importGraph([readProject(join(root, 'tsconfig.json'))]);
    expect(graph.size).toBe(Object.keys(files).length);
    expect(findCycles(graph).map((cycle) => formatCycle(cycle, root))).toEqual(cycles);
  });
});
