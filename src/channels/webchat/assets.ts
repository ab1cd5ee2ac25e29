import { readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Where `npm run build` puts the bundled page (relative to the working directory, like `locales/` and `faq/`). */
export const WEB_ASSETS_DIR = 'dist/web';

/** The file naming the current bundle's files (their names carry content hashes). */
export const MANIFEST_FILE = 'manifest.json';

/** What the build wrote: the page's script and style sheet. */
export interface WebChatManifest {
  js: string;
  css: string;
  builtAt: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** A built file, read once, with its pre-compressed copies when the build made them. */
export interface Asset {
  contentType: string;
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/** Only plain file names of known types: no folders, no dot files, nothing the build did not write. */
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The built page's files in `dir`, read lazily and kept in memory (the bundle is a few megabytes and never changes
 * while the server runs). A missing manifest is looked for again at the next request, so a build that finishes
 * after start-up is picked up.
 */
export class WebAssets {
  private manifestCache: WebChatManifest | undefined;
  private readonly files = new Map<string, Asset | null>();

  constructor(readonly dir: string) {}

  /** The current bundle's manifest, or undefined when the page has not been built. */
  manifest(): WebChatManifest | undefined {
    if (this.manifestCache) return this.manifestCache;
    try {
      const parsed = JSON.parse(readFileSync(join(this.dir, MANIFEST_FILE), 'utf8')) as Partial<WebChatManifest>;
      if (typeof parsed.js !== 'string' || typeof parsed.css !== 'string') return undefined;
      this.manifestCache = {
        js: parsed.js,
        css: parsed.css,
        builtAt: typeof parsed.builtAt === 'string' ? parsed.builtAt : '',
      };
      return this.manifestCache;
    } catch {
      return undefined;
    }
  }

  /** A built file by name, or undefined when there is no such file (or the name is not one the build writes). */
  get(name: string): Asset | undefined {
    const cached = this.files.get(name);
    if (cached !== undefined) return cached ?? undefined;
    const asset = this.read(name);
    this.files.set(name, asset ?? null);
    return asset;
  }

  private read(name: string): Asset | undefined {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!ASSET_NAME.test(name) || !contentType || name === MANIFEST_FILE) return undefined;
    const path = join(this.dir, name);
    try {
      if (!statSync(path).isFile()) return undefined;
      const body = readFileSync(path);
      const br = readOptional(`${path}.br`);
      const gzip = readOptional(`${path}.gz`);
      return { contentType, body, ...(br ? { br } : {}), ...(gzip ? { gzip } : {}) };
    } catch {
      return undefined;
    }
  }
}

function readOptional(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** The best encoding of an asset an `Accept-Encoding` header allows. */
export function pickEncoding(asset: Asset, acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
      .map(([coding]) => coding?.trim().toLowerCase()),
  );
  if (asset.br && accepted.has('br')) return 'br';
  if (asset.gzip && accepted.has('gzip')) return 'gzip';
  return undefined;
}
