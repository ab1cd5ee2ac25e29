import { mkdir, readdir, rm, writeFile, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { build } from 'esbuild';
import { type WebChatManifest, MANIFEST_FILE, WEB_ASSETS_DIR } from './assets.js';

/** The page's entry point and its style sheet (`web/`). */
const ENTRY = 'web/src/main.tsx';

export interface BuildOptions {
  /** Where the bundle goes (default `dist/web`); the folder is emptied first. */
  outDir?: string;
  /** Minify (default true); tests may skip it to build faster. */
  minify?: boolean;
  /** Write `.br` and `.gz` beside each file for clients that accept them (default true). */
  compress?: boolean;
}

export interface BuildResult {
  outDir: string;
  manifest: WebChatManifest;
  /** Bytes of each written file (uncompressed), by name. */
  sizes: Record<string, number>;
}

/**
 * Bundles the web chat page (`web/src`, with botframework-webchat, React and React DOM) into `outDir`: one
 * script and one style sheet with content hashes in their names (so they can be cached for good), source maps,
 * pre-compressed copies and `manifest.json` naming them for the server. Nothing is loaded from elsewhere at run
 * time. `npm run build` runs this after `tsc`; the end-to-end tests call it too.
 */
export async function buildWebChat(options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = resolve(options.outDir ?? WEB_ASSETS_DIR);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: { webchat: ENTRY },
    bundle: true,
    outdir: outDir,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    minify: options.minify ?? true,
    sourcemap: 'linked',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
  });
  const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
  const js = outputs.find((name) => /^webchat-[^.]+\.js$/.test(name));
  const css = outputs.find((name) => /^webchat-[^.]+\.css$/.test(name));
  if (!js || !css) throw new Error(`the web chat build wrote no script or style sheet: ${outputs.join(', ')}`);
  const manifest: WebChatManifest = { js, css, builtAt: new Date().toISOString() };
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);

  const sizes: Record<string, number> = {};
  for (const name of await readdir(outDir)) {
    const content = await readFile(join(outDir, name));
    sizes[name] = content.length;
    // Source maps are for developers' tools only: not worth the time to compress.
    if ((options.compress ?? true) && /\.(js|css|txt|svg)$/.test(name)) await compress(join(outDir, name), content);
  }
  return { outDir, manifest, sizes };
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function compress(path: string, content: Buffer): Promise<void> {
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length },
    }),
    gzipAsync(content, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
}

/** `node dist/src/channels/webchat/build.js` (from `npm run build`): builds into `dist/web` and says so. */
async function main(): Promise<void> {
  const started = performance.now();
  const { outDir, manifest, sizes } = await buildWebChat();
  const kib = (name: string) => Math.round((sizes[name] ?? 0) / 1024);
  console.log(
    `web chat: ${manifest.js} (${kib(manifest.js)} KiB), ${manifest.css} (${kib(manifest.css)} KiB) in ${outDir} ` +
      `(${Math.round(performance.now() - started)} ms)`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
