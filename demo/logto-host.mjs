// A throwaway Logto layout with this package installed the way `logto connector add` installs it
// (Logto's own code extracts the packed tarball), loaded with Logto's own loader. Its
// packages/core/node_modules is this repository's. Used by the demo and the benchmark. Logto's CLI
// is installed on demand (demo/logto-cli.mjs).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { currentLogtoCli, importLogtoCli } from './logto-cli.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

const newestSource = () =>
  Math.max(
    ...readdirSync(path.join(root, 'src'), { recursive: true }).map(
      (file) => statSync(path.join(root, 'src', String(file))).mtimeMs
    ),
    statSync(path.join(root, 'package.json')).mtimeMs
  );

/**
 * Builds lib/ unless it is newer than every source file, and says which. Skipping a fresh build
 * also keeps a run inside the test suite from rebuilding lib/ under the other tests' feet.
 */
export const ensureBuilt = async () => {
  const library = path.join(root, 'lib', 'index.js');
  if (existsSync(library) && statSync(library).mtimeMs >= newestSource()) {
    return 'lib/ is up to date';
  }
  await run('npm', ['run', 'build', '--silent'], { cwd: root });
  return 'built lib/ with tsup';
};

/**
 * Packs lib/ as published and installs it into `<workspace>/packages/core/connectors`. Logto core's
 * node_modules is `nodeModules`: this repository's unless told otherwise (the benchmark's hosts).
 */
export const installLikeLogto = async (
  workspace,
  { nodeModules = path.join(root, 'node_modules') } = {}
) => {
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', workspace],
    { cwd: root }
  );
  const [{ filename }] = JSON.parse(stdout);
  // `logto connector add` prefixes names that do not start with `connector-`.
  const tarball = path.join(workspace, 'connector-http-email.tgz');
  await rename(path.join(workspace, filename), tarball);

  const core = path.join(workspace, 'packages', 'core');
  const connectors = path.join(core, 'connectors');
  await mkdir(core, { recursive: true });
  await symlink(nodeModules, path.join(core, 'node_modules'), 'dir');

  const { addConnectorsToPath } = await importLogtoCli(currentLogtoCli, 'lib/commands/connector/utils.js');
  await addConnectorsToPath(connectors, [tarball]);
  return {
    connectors,
    entry: path.join(connectors, '@logto-connector-http-email', 'lib', 'index.js'),
  };
};

/** Loads the installed connector with Logto's loader and builds it with `getConfig`. */
export const loadLikeLogto = async (connectors, getConfig) => {
  const { getConnectorPackagesFromDirectory } = await importLogtoCli(currentLogtoCli, 'lib/utils.js');
  const { loadConnectorFactories, buildRawConnector } = await importLogtoCli(
    currentLogtoCli,
    'lib/connector/index.js'
  );
  const factories = await loadConnectorFactories(
    await getConnectorPackagesFromDirectory(connectors),
    false
  );
  const factory = factories.find(({ metadata }) => metadata.id === 'http-email');
  if (!factory) {
    throw new Error("Logto's loader did not load the connector (see its messages above).");
  }
  const { rawConnector } = await buildRawConnector(factory, getConfig);
  return rawConnector;
};
