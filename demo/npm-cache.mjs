// Packages this repository's tools need but does not depend on (Logto's CLI, Logto hosts),
// installed from npm once into node_modules/.cache and kept, so that a second run needs no
// registry. npm's output, warnings included, is kept unless the install fails.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** node_modules/.cache of this repository. */
export const cacheDirectory = fileURLToPath(new URL('../node_modules/.cache/', import.meta.url));

const installFlags = ['--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund'];

/** Whether `folder` holds a finished install. */
export const isInstalled = (folder) => existsSync(path.join(folder, 'installed'));

/**
 * `folder`, with `packages` installed in its node_modules: now, unless a run before finished it.
 * Parallel installs (test files run in parallel) do not meet: each builds a folder of its own beside
 * `folder`, with its `installed` marker, and renames it into place; the first one there stays.
 */
export const installOnce = async (folder, packages, { flags = [] } = {}) => {
  if (isInstalled(folder)) {
    return folder;
  }
  const parent = path.dirname(folder);
  await mkdir(parent, { recursive: true });
  const building = await mkdtemp(path.join(parent, `.installing-${path.basename(folder)}-`));
  const args = ['install', ...installFlags, ...flags, ...packages];
  try {
    await writeFile(path.join(building, 'package.json'), '{ "name": "http-email-cache", "private": true }\n');
    try {
      await run('npm', args, { cwd: building, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim() || error.message;
      throw new Error(
        `could not install ${packages.join(' ')}:\n${output}\n` +
          `Check that npm reaches its registry, or install by hand: mkdir -p ${folder} && cd ${folder} && ` +
          `echo '{}' > package.json && npm ${args.join(' ')} && touch installed`
      );
    }
    await writeFile(path.join(building, 'installed'), '');
    if (!isInstalled(folder)) {
      // A folder without its marker is an install that stopped half-way (or an older layout).
      await rm(folder, { recursive: true, force: true });
      await rename(building, folder).catch((error) => {
        if (!isInstalled(folder)) {
          throw error;
        }
      });
    }
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return folder;
};
