/**
 * Finds import cycles among the project's own files, type-only imports included: `npm run lint` fails on any (see
 * scripts/check-import-cycles.ts).
 *
 * Written here rather than taken from eslint-plugin-import-x's `no-cycle` because that rule ignores type-only imports
 * (its documentation says so, and offers no option to count them), and a cycle of `import type` is still a cycle to
 * us; it would also add the plugin and a TypeScript resolver as dependencies, and it is by its own account one of the
 * most expensive lint rules, walking every module's dependencies again from within ESLint. This file needs only the
 * `typescript` package already installed: `ts.preProcessFile` lists a file's imports with the scanner alone (no
 * parse, no type check), `ts.resolveModuleName` resolves them exactly as tsc does (`./x.js` to `x.ts`), and Tarjan's
 * algorithm finds the strongly connected components in one pass.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** A tsconfig's files and the compiler options that resolve their imports. */
export interface Project {
  fileNames: string[];
  options: ts.CompilerOptions;
}

/** An import graph: each file (an absolute path, symlinks resolved) and the project files it imports. */
export type ImportGraph = Map<string, Set<string>>;

/**
 * The files and options of a tsconfig, as tsc reads them (its `include`, `exclude` and `extends`), so the cycle check
 * covers exactly what is type-checked and resolves each file the way its own compiler options say.
 */
export function readProject(tsconfigPath: string): Project {
  const file = resolve(tsconfigPath);
  const read = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(file), undefined, file);
  if (parsed.errors.length > 0) {
    throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  }
  return { fileNames: parsed.fileNames.map(realPath), options: parsed.options };
}

/** A file's absolute path with symlinks resolved, as tsc's resolution gives it, so the two always match. */
function realPath(file: string): string {
  const absolute = resolve(file);
  return ts.sys.realpath ? ts.sys.realpath(absolute) : absolute;
}

/**
 * Every module specifier a source text names: `import`, `import type`, `export … from`, `import()` (also inside
 * types) and `require()`. The scanner does not tell type-only imports apart, and need not: they all count.
 */
export function specifiersOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * The graph of imports between the projects' files. An import that resolves outside them (a package, a file no
 * tsconfig includes) is left out, since no cycle through our own code can pass through it.
 */
export function importGraph(projects: Project[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const project of projects) for (const file of project.fileNames) graph.set(file, new Set());
  for (const { fileNames, options } of projects) {
    const cache = ts.createModuleResolutionCache(ts.sys.getCurrentDirectory(), (f) => f, options);
    for (const file of fileNames) {
      const text = ts.sys.readFile(file);
      if (text === undefined) throw new Error(`cannot read ${file}`);
      const mode = ts.getImpliedNodeFormatForFile(file, cache.getPackageJsonInfoCache(), ts.sys, options);
      const edges = graph.get(file);
      for (const specifier of specifiersOf(text)) {
        const { resolvedModule } = ts.resolveModuleName(specifier, file, options, ts.sys, cache, undefined, mode);
        const target = resolvedModule ? realPath(resolvedModule.resolvedFileName) : undefined;
        if (target !== undefined && graph.has(target)) edges?.add(target);
      }
    }
  }
  return graph;
}

/** The strongly connected components of a graph (Tarjan), each as the files in it; a file alone is one too. */
function components(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) ?? 0);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      found.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** The shortest way from `start` back to itself through the given files, as `[start, …, start]`. */
function shortestCycle(graph: ImportGraph, start: string, within: Set<string>): string[] | undefined {
  const cameFrom = new Map<string, string>();
  let frontier = [start];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const v of frontier) {
      for (const w of [...(graph.get(v) ?? [])].sort()) {
        if (!within.has(w)) continue;
        if (w === start) {
          const path = [start];
          for (let at: string | undefined = v; at !== undefined && at !== start; at = cameFrom.get(at)) path.push(at);
          return [...path, start].reverse();
        }
        if (!cameFrom.has(w)) {
          cameFrom.set(w, v);
          next.push(w);
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

/**
 * The import cycles of a graph, each as `[a, b, …, a]`, sorted. Listing every simple cycle could take exponentially
 * many lines, so each tangle of files that import one another (a strongly connected component) gives the shortest
 * cycle through each of its files, told once: every file in a cycle is named, and each line is one to break.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles = new Map<string, string[]>();
  for (const component of components(graph)) {
    const within = new Set(component);
    const [only] = component;
    if (component.length === 1 && (only === undefined || !graph.get(only)?.has(only))) continue;
    for (const start of component) {
      const cycle = shortestCycle(graph, start, within);
      if (!cycle) continue;
      // The same cycle is found from each of its files: keep the one that starts at its first file by name.
      const ring = cycle.slice(0, -1);
      const first = ring.indexOf([...ring].sort()[0] ?? start);
      const rotated = [...ring.slice(first), ...ring.slice(0, first)];
      const key = rotated.join('\n');
      if (!cycles.has(key)) cycles.set(key, [...rotated, rotated[0] ?? start]);
    }
  }
  return [...cycles.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, cycle]) => cycle);
}

/** A cycle as one line of paths relative to `root`, such as `src/a.ts → src/b.ts → src/a.ts`. */
export function formatCycle(cycle: string[], root: string): string {
  return cycle.map((file) => relative(root, file).split(sep).join('/')).join(' → ');
}
