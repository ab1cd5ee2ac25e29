import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';

/** This folder: the code that reads words, ranks intents and trains and calibrates a model. */
const NLU_DIR = dirname(fileURLToPath(import.meta.url));

let digestOfThisCode: string | undefined;

/**
 * A digest of the code a model was trained by: the source files of `src/nlu` (as they run, compiled or not) and
 * the versions of the libraries that stem and correct words. It is part of a kept model's key, so a deploy that
 * changes how words are read or evidence is weighed trains afresh once, instead of running on weights that no
 * longer fit and giving no sign of it. Worked out once per process (a few milliseconds).
 */
export function nluCodeDigest(): string {
  digestOfThisCode ??= codeDigest(NLU_DIR, [
    `fuse.js ${Fuse.version}`,
    `natural ${(createRequire(import.meta.url)('natural/package.json') as { version: string }).version}`,
  ]);
  return digestOfThisCode;
}

/** The sha256 of a folder's `.js` and `.ts` files (by name and content, in name order) and of some extra lines. */
export function codeDigest(dir: string, extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir)
    .filter((file) => /\.(?:js|ts)$/.test(file))
    .sort()) {
    hash
      .update(name)
      .update('\u0000')
      .update(readFileSync(join(dir, name)))
      .update('\u0000');
  }
  for (const line of extra) hash.update(line).update('\u0000');
  return hash.digest('base64url');
}
