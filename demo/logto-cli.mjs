// Logto's own CLI (`@logto/cli`), whose code installs and loads connectors as a Logto installation
// does: the demo, the benchmark and the loader tests use it. Not a dependency of this repository
// (its database driver declares an engine range that a plain `npm install` would warn about):
// installed on demand, once per version, into node_modules/.cache/http-email-logto-cli/.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { cacheDirectory, installOnce, isInstalled } from './npm-cache.mjs';

/** The Logto CLI the demo and the benchmark use. */
export const currentLogtoCli = '1.43.0';

const installs = new Map();
const folderOf = (version) => path.join(cacheDirectory, 'http-email-logto-cli', version);

/** Whether `@logto/cli@<version>` is installed already, so that using it needs no registry. */
export const isLogtoCliInstalled = (version) => isInstalled(folderOf(version));

/** The folder of the `@logto/cli@<version>` package, installed first unless it already is. */
export const logtoCli = (version) => {
  if (!installs.has(version)) {
    const folder = folderOf(version);
    const install = installOnce(folder, [`@logto/cli@${version}`]).then(
      () => path.join(folder, 'node_modules', '@logto', 'cli'),
      (error) => {
        installs.delete(version);
        throw new Error(`Logto's CLI ${version} is needed and ${error.message}`);
      }
    );
    installs.set(version, install);
  }
  return installs.get(version);
};

/**
 * Imports `file` of Logto's CLI `version`, e.g. `lib/utils.js`. A `query` (`?host=2`) gives a
 * module instance of its own, apart from every other import of that file.
 */
export const importLogtoCli = async (version, file, query = '') =>
  import(`${pathToFileURL(path.join(await logtoCli(version), file)).href}${query}`);
