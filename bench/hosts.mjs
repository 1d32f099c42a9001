// The node_modules of a Logto host: the packages Logto core resolves for a connector, and nothing
// else (docs/architecture.md). Installed once per exact ky version and kept, so that a second run of the
// benchmark (and its smoke test) needs no registry.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { cacheDirectory, installOnce, isInstalled } from '../demo/npm-cache.mjs';

const run = promisify(execFile);
const cache = path.join(cacheDirectory, 'http-email-bench');

/** What Logto core's lockfile resolves beside ky. */
const hostPackages = ['@logto/connector-kit@^5.1.0', 'zod@3.24.3'];

/** The exact version a range resolves to now; offline, the newest one already installed. */
const byVersion = (a, b) => a.localeCompare(b, 'en', { numeric: true });

const resolveKy = async (range) => {
  if (/^\d+\.\d+\.\d+$/.test(range)) {
    return range;
  }
  try {
    const { stdout } = await run('npm', ['view', `ky@${range}`, 'version', '--json']);
    // npm lists the versions in publication order, not by version.
    return [JSON.parse(stdout)].flat().sort(byVersion).at(-1);
  } catch (error) {
    const major = `ky-${range.replace('^', '').split('.')[0]}.`;
    const installed = existsSync(cache)
      ? readdirSync(cache).filter((name) => name.startsWith(major) && isInstalled(path.join(cache, name)))
      : [];
    if (installed.length === 0) {
      throw error;
    }
    return installed.map((name) => name.slice(3)).sort(byVersion).at(-1);
  }
};

/**
 * A host's node_modules holding `ky@<range>`, connector-kit 5 and zod 3.24.3. Returns the folder
 * and the ky version in it.
 */
export const hostModules = async (range) => {
  const version = await resolveKy(range);
  const folder = await installOnce(path.join(cache, `ky-${version}`), [`ky@${version}`, ...hostPackages]);
  const nodeModules = path.join(folder, 'node_modules');
  const installed = JSON.parse(await readFile(path.join(nodeModules, 'ky', 'package.json'), 'utf8')).version;
  return { nodeModules, kyVersion: installed };
};
