// The functions' bundles for the local stack: built with the deployed options (infra/bundling.ts)
// into .local/build, and reused while no source file, dependency or option has changed.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BUNDLING, bundleFunctions, bundleName } from '../infra/bundling.js';
import type { FunctionSpec } from '../infra/function-catalog.js';

const root = fileURLToPath(new URL('../', import.meta.url));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`)
    .sort();
}

/** A hash of everything a bundle is made of: the sources, the lockfile, the options. */
async function sourceHash(functions: Pick<FunctionSpec, 'kind' | 'name'>[]): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(BUNDLING)).update(functions.map(bundleName).join(','));
  for (const file of [
    ...(await filesUnder(`${root}shared`)),
    ...(await filesUnder(`${root}functions`)),
    `${root}package-lock.json`,
  ]) {
    hash.update(file).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

export async function localBundles(functions: Pick<FunctionSpec, 'kind' | 'name'>[]): Promise<Map<string, string>> {
  const dir = `${root}.local/build/functions-${await sourceHash(functions)}`;
  const files = new Map(functions.map((fn) => [fn.name, `${dir}/${bundleName(fn)}.mjs`]));
  if (existsSync(`${dir}/.complete`)) return files;
  const staging = `${dir}.${process.pid}.${Date.now()}`;
  await mkdir(staging, { recursive: true });
  await bundleFunctions(functions, staging);
  await writeFile(`${staging}/.complete`, '');
  try {
    await rename(staging, dir);
  } catch {
    // Another process built the same bundles first: theirs are identical.
    await rm(staging, { recursive: true, force: true });
  }
  return files;
}
