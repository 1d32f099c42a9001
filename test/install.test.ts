// docs/install.md and examples/docker/Dockerfile, run as written, with Logto's own command line
// (`npm run cli connector add`, @logto/cli installed on demand: demo/logto-cli.mjs) in Logto folders
// of the test's own, then loaded by Logto's own loader: the way an admin adds the packed connector.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cp, lstat, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importLogtoCli, logtoCli } from '../demo/logto-cli.mjs';
import { version } from '../package.json';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('..', import.meta.url));
const logtoCliVersion = '1.43.0';
const workspace = mkdtempSync(path.join(tmpdir(), 'http-email-install-'));
const packedName = `logto-connector-http-email-${version}.tgz`;
const connectorFolder = (logto: string) => path.join(logto, 'packages', 'core', 'connectors', '@logto-connector-http-email');

type CliConnectorPackage = { name: string; path: string };
type CliUtils = { getConnectorPackagesFromDirectory: (directory: string) => Promise<CliConnectorPackage[]> };
type CliFactories = {
  loadConnectorFactories: (
    packages: CliConnectorPackage[],
    ignoreVersionMismatch: boolean
  ) => Promise<Array<{ metadata: { id: string }; path: string }>>;
};

let tarballFolder: string;

beforeAll(async () => {
  // lib/ was built by the global setup: pack it as `npm pack` in a checkout does, without building
  // it again under the other test files' feet.
  tarballFolder = path.join(workspace, 'tarball');
  await mkdir(tarballFolder);
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballFolder], {
    cwd: repository,
  });
  expect((JSON.parse(stdout) as Array<{ filename: string }>)[0]?.filename).toBe(packedName);
  await logtoCli(logtoCliVersion);
});

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

/**
 * A Logto folder as Logto's image and installer lay it out, as far as `connector add` and the
 * loader look: `npm run cli` is Logto's CLI, packages/core is @logto/core, whose node_modules holds
 * what a connector imports (here, this repository's).
 */
const logtoFolder = async (name: string) => {
  const logto = path.join(workspace, name);
  const core = path.join(logto, 'packages', 'core');
  await mkdir(path.join(logto, 'node_modules', '.bin'), { recursive: true });
  await mkdir(core, { recursive: true });
  await writeFile(path.join(logto, 'package.json'), '{ "name": "@logto/root", "private": true, "scripts": { "cli": "logto" } }');
  await writeFile(path.join(core, 'package.json'), '{ "name": "@logto/core", "private": true }');
  await symlink(path.join(await logtoCli(logtoCliVersion), 'bin', 'logto.js'), path.join(logto, 'node_modules', '.bin', 'logto'));
  await symlink(path.join(repository, 'node_modules'), path.join(core, 'node_modules'), 'dir');
  return logto;
};

/** The http-email connectors Logto's loader finds in `logto`, with their versions. */
const loadedByLogto = async (logto: string, query: string) => {
  const { getConnectorPackagesFromDirectory } = (await importLogtoCli(logtoCliVersion, 'lib/utils.js')) as CliUtils;
  // The loader keeps what it loaded for the life of its module: a module of its own per folder.
  const { loadConnectorFactories } = (await importLogtoCli(
    logtoCliVersion,
    'lib/connector/factories.js',
    `?${query}`
  )) as CliFactories;
  const packages = await getConnectorPackagesFromDirectory(path.join(logto, 'packages', 'core', 'connectors'));
  const factories = await loadConnectorFactories(packages, false);
  return Promise.all(
    factories
      .filter(({ metadata }) => metadata.id === 'http-email')
      .map(async ({ path: folder }) => ({
        folder,
        version: (JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8')) as { version: string }).version,
      }))
  );
};

const runShell = async (script: string, cwd: string) =>
  run('bash', ['-euo', 'pipefail', '-c', script], { cwd, env: process.env, maxBuffer: 16 * 1024 * 1024 });

describe('docs/install.md, from a tarball', () => {
  it('adds the packed connector with the commands as written, and Logto loads it', async () => {
    const docs = await readFile(path.join(repository, 'docs', 'install.md'), 'utf8');
    const blocks = [...docs.matchAll(/```sh\n([\s\S]*?)```/g)].map(([, code]) => code!);
    const addBlock = blocks.find((code) => code.includes('connector-http-email.tgz"'));
    expect(addBlock).toContain(`cp ${packedName} /path/to/logto/connector-http-email.tgz`);
    const logto = await logtoFolder('from-docs');

    const { stdout } = await runShell(addBlock!.replaceAll('/path/to/logto', logto), tarballFolder);

    expect(stdout).toContain(`Added @logto/connector-http-email v${version}`);
    expect(await loadedByLogto(logto, 'docs')).toEqual([{ folder: connectorFolder(logto), version }]);
    // The copy made for Logto is gone again.
    await expect(lstat(path.join(logto, 'connector-http-email.tgz'))).rejects.toThrow(/ENOENT/);
  }, 120_000);

  it('the tarball as npm names it is not found: Logto prefixes connector-, says so, and exits with 0', async () => {
    const logto = await logtoFolder('as-packed');
    await cp(path.join(tarballFolder, packedName), path.join(logto, packedName));

    const { stdout, stderr } = await runShell(`npm run cli connector add "$PWD/${packedName}"`, logto);

    expect(`${stdout}${stderr}`).toContain(`Failed to add ${path.join(logto, `connector-${packedName}`)}`);
    await expect(lstat(connectorFolder(logto))).rejects.toThrow(/ENOENT/);
  }, 120_000);
});

describe('examples/docker/Dockerfile', () => {
  it("replaces the 0.4.x that Logto's image links into packages/core/connectors", async () => {
    const dockerfile = await readFile(path.join(repository, 'examples', 'docker', 'Dockerfile'), 'utf8');
    const instructions = dockerfile
      .replaceAll(/\\\n/g, ' ')
      .split('\n')
      .filter((line) => /^[A-Z]+ /.test(line));
    expect(instructions.filter((line) => /^(ENTRYPOINT|CMD|WORKDIR|USER) /.test(line))).toEqual([]);
    expect(instructions).toContain('FROM svhd/logto:${LOGTO_TAG}');

    // The image: Logto in /etc/logto, the repository's connectors built in packages/connectors
    // and linked into packages/core/connectors, http-email among them as 0.4.3.
    const imageRoot = await logtoFolder('image');
    const bundled = path.join(imageRoot, 'packages', 'connectors', 'connector-http-email');
    await cp(path.join(repository, 'node_modules', 'connector-http-email-043'), bundled, { recursive: true });
    await symlink(path.join(repository, 'node_modules'), path.join(bundled, 'node_modules'), 'dir');
    await mkdir(path.dirname(connectorFolder(imageRoot)), { recursive: true });
    await symlink('../../connectors/connector-http-email', connectorFolder(imageRoot));
    expect(await loadedByLogto(imageRoot, 'image-before')).toEqual([{ folder: connectorFolder(imageRoot), version: '0.4.3' }]);

    const inImage = (text: string) => text.replaceAll('/etc/logto', imageRoot);
    for (const instruction of instructions) {
      const [keyword, ...rest] = instruction.split(' ');
      if (keyword === 'COPY') {
        const [source, destination] = rest.filter(Boolean);
        expect(source).toBe('connector-http-email.tgz');
        await cp(path.join(tarballFolder, packedName), inImage(destination!));
      } else if (keyword === 'RUN') {
        await runShell(inImage(rest.join(' ')), imageRoot);
      }
    }

    expect((await lstat(connectorFolder(imageRoot))).isSymbolicLink()).toBe(false);
    expect(await loadedByLogto(imageRoot, 'image-after')).toEqual([{ folder: connectorFolder(imageRoot), version }]);
    // The bundled 0.4.x stays where it was built, where Logto does not load connectors from.
    expect(JSON.parse(await readFile(path.join(bundled, 'package.json'), 'utf8'))).toMatchObject({ version: '0.4.3' });
  }, 120_000);
});
