// The packed package, laid out as `logto connector add` lays it out (Logto's own code does the
// extracting), loaded by Logto's own loader in a host that holds nothing but connector-kit, ky and
// zod: the way a Logto installation meets this connector.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEndpoint, type TestEndpoint } from './server.js';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('..', import.meta.url));

type ConnectorKit = typeof import('@logto/connector-kit');
type CliConnector = typeof import('logto-cli-1-43/lib/connector/index.js');
type CliUtils = typeof import('logto-cli-1-43/lib/utils.js');
type CliCommandUtils = typeof import('logto-cli-1-43/lib/commands/connector/utils.js');

const hosts = [
  // Logto 1.43: connector-kit 5.1.x and the newest ky 1.x.
  { logto: '1.43', cli: 'logto-cli-1-43', host: ['@logto/connector-kit@~5.1.0', 'ky@^1', 'zod@3.24.3'] },
  // Logto 1.37: connector-kit 4.7.0, and the oldest ky that connector-kit's peer range admits, so
  // that the connector is known to work across the ky 1.x versions a host may hold.
  { logto: '1.37', cli: 'logto-cli-1-37', host: ['@logto/connector-kit@4.7.0', 'ky@1.2.3', 'zod@3.24.3'] },
];

let tarball: string;
let workspace: string;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'http-email-loader-'));
  // lib/ was built by the global setup; pack it as it would be published.
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', workspace],
    { cwd: repository }
  );
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  // Logto's `connector add` prefixes names that do not start with `connector-`; a file named so
  // passes through unchanged.
  tarball = path.join(workspace, 'connector-http-email.tgz');
  await rename(path.join(workspace, filename), tarball);
});

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe.each(hosts)('loaded by Logto $logto', ({ logto, cli, host }) => {
  let core: string;
  let connectorsDirectory: string;
  let endpoint: TestEndpoint;
  let hostKit: ConnectorKit;
  let loader: CliConnector;

  beforeAll(async () => {
    core = path.join(workspace, `logto-${logto}`, 'packages', 'core');
    connectorsDirectory = path.join(core, 'connectors');
    await mkdir(core, { recursive: true });
    await writeFile(path.join(core, 'package.json'), '{ "name": "@logto/core", "private": true }');
    await run(
      'npm',
      ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', ...host],
      { cwd: core }
    );

    // Logto's own `connector add` code: `npm pack <spec>`, extract, install nothing.
    const { addConnectorsToPath } = (await import(
      `${cli}/lib/commands/connector/utils.js`
    )) as CliCommandUtils;
    await addConnectorsToPath(connectorsDirectory, [tarball]);

    hostKit = (await import(
      pathToFileURL(path.join(core, 'node_modules/@logto/connector-kit/lib/index.js')).href
    )) as ConnectorKit;
    loader = (await import(`${cli}/lib/connector/index.js`)) as CliConnector;
    endpoint = await startEndpoint();
  });

  afterAll(async () => endpoint?.close());

  const loadFactory = async () => {
    const { getConnectorPackagesFromDirectory } = (await import(`${cli}/lib/utils.js`)) as CliUtils;
    const packages = await getConnectorPackagesFromDirectory(connectorsDirectory);
    const factories = await loader.loadConnectorFactories(packages, false);
    const factory = factories.find(({ metadata }) => metadata.id === 'http-email');
    if (!factory) {
      throw new Error(`Logto ${logto} did not load the connector`);
    }
    return factory;
  };

  it('is laid out as `logto connector add` does, with no dependencies beside it', async () => {
    const directory = path.join(connectorsDirectory, '@logto-connector-http-email');
    const files = await readdir(directory);
    expect(files).toEqual(expect.arrayContaining(['lib', 'package.json', 'README.md', 'logo.svg', 'logo-dark.svg']));
    expect(files).not.toContain('node_modules');
    expect(files).not.toContain('src');
  });

  it('loads, with valid metadata and form items, its logos and its README', async () => {
    const factory = await loadFactory();
    const { rawConnector, rawMetadata } = await loader.buildRawConnector(factory);
    expect(rawConnector.type).toBe(hostKit.ConnectorType.Email);
    expect(hostKit.connectorMetadataGuard.safeParse(rawConnector.metadata).success).toBe(true);
    for (const item of rawConnector.metadata.formItems ?? []) {
      expect(hostKit.connectorConfigFormItemGuard.safeParse(item).success).toBe(true);
    }
    const logo = await readFile(path.join(repository, 'logo.svg'));
    const logoDark = await readFile(path.join(repository, 'logo-dark.svg'));
    expect(rawMetadata.logo).toBe(`data:image/svg+xml;base64,${logo.toString('base64')}`);
    expect(rawMetadata.logoDark).toBe(`data:image/svg+xml;base64,${logoDark.toString('base64')}`);
    expect(rawMetadata.readme).toBe(await readFile(path.join(repository, 'README.md'), 'utf8'));
  });

  it('sends a message to a local endpoint with the saved config', async () => {
    const factory = await loadFactory();
    const getConfig = async (id: string) => {
      expect(id).toBe('http-email');
      return { endpoint: `${endpoint.origin}/logto-${logto}`, authorization: 'Bearer host' };
    };
    const { rawConnector } = await loader.buildRawConnector(factory, getConfig);
    if (rawConnector.type !== hostKit.ConnectorType.Email) {
      throw new Error('not an email connector');
    }
    await rawConnector.sendMessage({
      to: 'ada@example.com',
      type: hostKit.TemplateType.SignIn,
      payload: { code: '424242' },
    });
    const request = endpoint.requests.at(-1);
    expect(request?.url).toBe(`/logto-${logto}`);
    expect(request?.headers.authorization).toBe('Bearer host');
    expect(request?.body.toString()).toBe(
      '{"to":"ada@example.com","type":"SignIn","payload":{"code":"424242"}}'
    );
  });

  it('rides out a flaky endpoint and refuses a redirect, with clean errors of the host', async () => {
    let count = 0;
    const flaky = await startEndpoint((_request, response) => {
      count += 1;
      response.writeHead(count === 1 ? 503 : 202).end();
    });
    const redirecting = await startEndpoint((_request, response) => {
      response.writeHead(302, { location: `${flaky.origin}/elsewhere` }).end();
    });
    try {
      const factory = await loadFactory();
      const { rawConnector } = await loader.buildRawConnector(factory);
      if (rawConnector.type !== hostKit.ConnectorType.Email) {
        throw new Error('not an email connector');
      }
      const message = { to: 'ada@example.com', type: hostKit.TemplateType.SignIn, payload: { code: '808080' } };
      const config = { endpoint: `${flaky.origin}/email`, authorization: 'Bearer host-secret' };
      expect(await rawConnector.sendMessage(message, config)).toMatchObject({ status: 202, attempts: 2 });
      expect(new Set(flaky.requests.map(({ headers }) => headers['webhook-id'])).size).toBe(1);

      const error = await rawConnector
        .sendMessage(message, { ...config, endpoint: `${redirecting.origin}/email` })
        .catch((error: unknown) => error);
      expect(error).toBeInstanceOf(hostKit.ConnectorError);
      const { code, data } = error as InstanceType<ConnectorKit['ConnectorError']>;
      expect(code).toBe(hostKit.ConnectorErrorCodes.General);
      expect(data).toMatchObject({ status: 302, attempts: 1 });
      expect(JSON.stringify(data)).not.toMatch(/host-secret|808080/);
      expect(flaky.requests).toHaveLength(2);
    } finally {
      await flaky.close();
      await redirecting.close();
    }
  });

  it("rejects a bad config with an error of the host's own ConnectorError class", async () => {
    const factory = await loadFactory();
    const { rawConnector } = await loader.buildRawConnector(factory);
    if (rawConnector.type !== hostKit.ConnectorType.Email) {
      throw new Error('not an email connector');
    }
    const error = await rawConnector
      .sendMessage(
        { to: 'ada@example.com', type: hostKit.TemplateType.SignIn, payload: { code: '1' } },
        { endpoint: 'ftp://example.com' }
      )
      .catch((error: unknown) => error);
    expect(error).toBeInstanceOf(hostKit.ConnectorError);
    expect((error as InstanceType<ConnectorKit['ConnectorError']>).code).toBe(
      hostKit.ConnectorErrorCodes.InvalidConfig
    );
    // And not of the copy this repository installs for its own tests.
    const repositoryKit = await import('@logto/connector-kit');
    expect(error).not.toBeInstanceOf(repositoryKit.ConnectorError);
  });
});
