// A throwaway Logto layout with this package installed the way `logto connector add` installs it
// (Logto's own code extracts the packed tarball), loaded with Logto's own loader. Its
// packages/core/node_modules is this repository's. Used by the demo and the benchmark.
import { execFile } from 'node:child_process';
import { mkdir, rename, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

/** Packs lib/ as published and installs it into `<workspace>/packages/core/connectors`. */
export const installLikeLogto = async (workspace) => {
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
  await symlink(path.join(root, 'node_modules'), path.join(core, 'node_modules'), 'dir');

  const { addConnectorsToPath } = await import('logto-cli-1-43/lib/commands/connector/utils.js');
  await addConnectorsToPath(connectors, [tarball]);
  return {
    connectors,
    entry: path.join(connectors, '@logto-connector-http-email', 'lib', 'index.js'),
  };
};

/** Loads the installed connector with Logto's loader and builds it with `getConfig`. */
export const loadLikeLogto = async (connectors, getConfig) => {
  const { getConnectorPackagesFromDirectory } = await import('logto-cli-1-43/lib/utils.js');
  const { loadConnectorFactories, buildRawConnector } = await import(
    'logto-cli-1-43/lib/connector/index.js'
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
