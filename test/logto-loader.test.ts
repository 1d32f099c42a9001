// The packed package, laid out as `logto connector add` lays it out (Logto's own code does the
// extracting), loaded by Logto's own loader in a host that holds nothing but connector-kit, ky and
// zod: the way a Logto installation meets this connector. The connector imports the host's ky, so
// it is run against the ky of Logto's lockfile (1.2.3), the newest 1.x and the next major.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import type { AllConnector, ConnectorMetadata } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importLogtoCli } from '../demo/logto-cli.mjs';
import { startEndpoint, type TestEndpoint } from './server.js';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('..', import.meta.url));

type ConnectorKit = typeof import('@logto/connector-kit');
type HostConnectorError = InstanceType<ConnectorKit['ConnectorError']>;

// What this file uses of Logto's CLI, which is installed on demand (demo/logto-cli.mjs), not a
// dependency whose types tsc could read.
type CliCommandUtils = { addConnectorsToPath: (cwd: string, packageNames: string[]) => Promise<void> };
type CliConnectorPackage = { name: string; path: string };
type CliUtils = { getConnectorPackagesFromDirectory: (directory: string) => Promise<CliConnectorPackage[]> };
type CliFactory = { metadata: { id: string }; path: string };
type CliFactories = {
  loadConnectorFactories: (packages: CliConnectorPackage[], ignoreVersionMismatch: boolean) => Promise<CliFactory[]>;
};
type CliConnector = {
  buildRawConnector: (
    factory: CliFactory,
    getConnectorConfig?: (id: string) => Promise<unknown>
  ) => Promise<{ rawConnector: AllConnector; rawMetadata: ConnectorMetadata }>;
};

/** What Logto's lockfile resolves: core declares `ky ^1.2.3`, connector-kit 5 peers `^1.2.3`. */
const logtoKy = '1.2.3';
const logtoZod = '3.24.3';

type Host = {
  name: string;
  /** The version of Logto's CLI, `@logto/cli`, whose code adds and loads the connector. */
  cli: '1.43.0' | '1.37.1';
  packages: string[];
  /** Checks the ky version the host ended up with. */
  ky: (version: string) => boolean;
  installFlags?: string[];
};

const major = (version: string) => Number(version.split('.')[0]);
const isNewerThanLogtoKy = (version: string) =>
  version.localeCompare(logtoKy, 'en', { numeric: true }) > 0;

// Every delivery test runs on the ky that Logto really ships, in both Logto generations.
const logtoHosts: Host[] = [
  {
    name: `Logto 1.43 (connector-kit 5.1, ky ${logtoKy})`,
    cli: '1.43.0',
    packages: ['@logto/connector-kit@~5.1.0', `ky@${logtoKy}`, `zod@${logtoZod}`],
    ky: (version) => version === logtoKy,
  },
  {
    name: `Logto 1.37 (connector-kit 4.7.0, ky ${logtoKy})`,
    cli: '1.37.1',
    packages: ['@logto/connector-kit@4.7.0', `ky@${logtoKy}`, `zod@${logtoZod}`],
    ky: (version) => version === logtoKy,
  },
];

// The ky a Logto release may move to: the connector must load, deliver and fail cleanly there too.
const kyHosts: Host[] = [
  {
    name: 'Logto 1.43 with the newest ky 1.x',
    cli: '1.43.0',
    packages: ['@logto/connector-kit@~5.1.0', 'ky@^1', `zod@${logtoZod}`],
    ky: (version) => major(version) === 1 && isNewerThanLogtoKy(version),
  },
  {
    name: 'Logto 1.43 with ky 2.x',
    cli: '1.43.0',
    packages: ['@logto/connector-kit@~5.1.0', 'ky@^2', `zod@${logtoZod}`],
    ky: (version) => major(version) === 2,
    // connector-kit's peer range for ky stops at 1.x.
    installFlags: ['--legacy-peer-deps'],
  },
];

const webhookIdPattern = /^msg_[\da-f]{32}$/;

let tarball: string;
// Made while the tests are collected: each host's folders are named in it before they run.
const workspace = mkdtempSync(path.join(tmpdir(), 'http-email-loader-'));

beforeAll(async () => {
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

/** The version of package `name` installed in `root`'s node_modules. */
const installedVersion = async (root: string, name: string) =>
  (JSON.parse(await readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;

it(`this repository's own tests run on Logto's ky ${logtoKy} and zod ${logtoZod}`, async () => {
  expect(await installedVersion(repository, 'ky')).toBe(logtoKy);
  expect(await installedVersion(repository, 'zod')).toBe(logtoZod);
});

/** A Logto core folder with `packages`, and the packed connector added as `logto connector add` does. */
const setUpHost = (host: Host, index: number) => {
  const core = path.join(workspace, `host-${index}`, 'packages', 'core');
  const connectorsDirectory = path.join(core, 'connectors');
  const connectorDirectory = path.join(connectorsDirectory, '@logto-connector-http-email');
  const state = {} as {
    hostKit: ConnectorKit;
    loader: CliConnector;
    factories: CliFactories;
    kyVersion: string;
  };

  beforeAll(async () => {
    await mkdir(core, { recursive: true });
    await writeFile(path.join(core, 'package.json'), '{ "name": "@logto/core", "private": true }');
    await run(
      'npm',
      [
        'install',
        ...['--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund'],
        ...(host.installFlags ?? []),
        ...host.packages,
      ],
      { cwd: core }
    );

    // Logto's own `connector add` code: `npm pack <spec>`, extract, install nothing.
    const { addConnectorsToPath } = (await importLogtoCli(
      host.cli,
      'lib/commands/connector/utils.js'
    )) as CliCommandUtils;
    await addConnectorsToPath(connectorsDirectory, [tarball]);

    state.hostKit = (await import(
      pathToFileURL(path.join(core, 'node_modules/@logto/connector-kit/lib/index.js')).href
    )) as ConnectorKit;
    state.loader = (await importLogtoCli(host.cli, 'lib/connector/index.js')) as CliConnector;
    // loadConnectorFactories keeps the first connectors it loaded for the life of its module, so
    // each host gets a module of its own: else a second host would get the first one's connector.
    state.factories = (await importLogtoCli(
      host.cli,
      'lib/connector/factories.js',
      `?host=${index}`
    )) as CliFactories;
    state.kyVersion = await installedVersion(core, 'ky');
  });

  const loadFactory = async () => {
    const { getConnectorPackagesFromDirectory } = (await importLogtoCli(host.cli, 'lib/utils.js')) as CliUtils;
    const packages = await getConnectorPackagesFromDirectory(connectorsDirectory);
    const factories = await state.factories.loadConnectorFactories(packages, false);
    const factory = factories.find(({ metadata }) => metadata.id === 'http-email');
    if (!factory) {
      throw new Error(`${host.name} did not load the connector`);
    }
    expect(factory.path).toBe(connectorDirectory);
    return factory;
  };

  /** The email connector as Logto builds it, with `getConfig` for real sends. */
  const emailConnector = async (getConfig?: (id: string) => Promise<unknown>) => {
    const { rawConnector } = await state.loader.buildRawConnector(await loadFactory(), getConfig);
    if (rawConnector.type !== state.hostKit.ConnectorType.Email) {
      throw new Error('not an email connector');
    }
    return rawConnector;
  };

  /** The rejection of `promise`, checked to be of the host's own ConnectorError class. */
  const hostError = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => {
        throw new Error('expected the send to fail, but it resolved');
      },
      (error: unknown) => error
    );
    expect(error).toBeInstanceOf(state.hostKit.ConnectorError);
    return error as HostConnectorError;
  };

  return { state, core, connectorDirectory, loadFactory, emailConnector, hostError };
};

const signIn = (kit: ConnectorKit, code: string) => ({
  to: 'ada@example.com',
  type: kit.TemplateType.SignIn,
  payload: { code },
});

/** Loading, one delivery and one failure: what every host must get right. */
const describeBasics = (host: Host, context: ReturnType<typeof setUpHost>) => {
  const { state, core, connectorDirectory, emailConnector, hostError } = context;
  let endpoint: TestEndpoint;

  beforeAll(async () => {
    endpoint = await startEndpoint();
  });
  afterAll(async () => endpoint?.close());

  it('holds the ky it was meant to, and the connector imports that one', async () => {
    expect(host.ky(state.kyVersion), `ky ${state.kyVersion}`).toBe(true);
    // Resolved from where Logto imports the connector: the host's ky, not this repository's.
    const resolved = createRequire(path.join(connectorDirectory, 'lib', 'index.js')).resolve('ky');
    expect(resolved.startsWith(path.join(core, 'node_modules', 'ky') + path.sep)).toBe(true);
  });

  it('is laid out as `logto connector add` does, with no dependencies beside it', async () => {
    const files = await readdir(connectorDirectory);
    expect(files).toEqual(
      expect.arrayContaining(['lib', 'docs', 'examples', 'package.json', 'README.md', 'logo.svg', 'logo-dark.svg'])
    );
    expect(files).not.toContain('node_modules');
    expect(files).not.toContain('src');
    // The reference endpoint, where the README says an admin finds it, without its tests.
    const relay = await readdir(path.join(connectorDirectory, 'examples', 'smtp-relay'));
    expect(relay).toEqual(expect.arrayContaining(['main.mjs', 'relay.mjs', 'README.md', 'package.json']));
    expect(relay.filter((file) => file.endsWith('.ts'))).toEqual([]);
  });

  it('sends a message to a local endpoint with the saved config (a real send)', async () => {
    const connector = await emailConnector(async (id) => {
      expect(id).toBe('http-email');
      return { endpoint: `${endpoint.origin}/host/email`, authorization: 'Bearer host' };
    });
    await connector.sendMessage(signIn(state.hostKit, '424242'));
    const request = endpoint.requests.at(-1);
    expect(request?.url).toBe('/host/email');
    expect(request?.headers.authorization).toBe('Bearer host');
    expect(request?.headers['webhook-id']).toMatch(webhookIdPattern);
    expect(request?.body.toString()).toBe(
      '{"to":"ada@example.com","type":"SignIn","payload":{"code":"424242"}}'
    );
  });

  it("fails on a refusing endpoint with the host's ConnectorError, naming no secret", async () => {
    const refusing = await startEndpoint((request, response) => {
      // An endpoint that echoes what it got: the error must still carry none of it.
      response.writeHead(400, { 'content-type': 'text/plain' }).end(`bad request: ${request.headers.authorization}`);
    });
    try {
      const connector = await emailConnector(async () => ({
        endpoint: `${refusing.origin}/email`,
        authorization: 'Bearer host-secret-400',
      }));
      const error = await hostError(connector.sendMessage(signIn(state.hostKit, '171717')));
      expect(error.code).toBe(state.hostKit.ConnectorErrorCodes.General);
      expect(error.data).toMatchObject({ status: 400, attempts: 1, webhookId: expect.stringMatching(webhookIdPattern) });
      expect(`${error.message} ${JSON.stringify(error.data)}`).not.toMatch(/host-secret-400|171717/);
      expect(refusing.requests).toHaveLength(1);
    } finally {
      await refusing.close();
    }
  });

  it('gives up on an endpoint that never answers within the budget, as a timeout', async () => {
    const hung = await startEndpoint(() => {
      // Never answers.
    });
    try {
      const connector = await emailConnector();
      const started = performance.now();
      const error = await hostError(
        connector.sendMessage(signIn(state.hostKit, '262626'), { endpoint: `${hung.origin}/email`, timeout: 1000, retries: 0 })
      );
      const elapsed = performance.now() - started;
      expect(error.code).toBe(state.hostKit.ConnectorErrorCodes.General);
      expect(error.data).toMatchObject({ attempts: 1, webhookId: expect.stringMatching(webhookIdPattern) });
      expect((error.data as { status?: unknown }).status).toBeUndefined();
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(2500);
      expect(hung.requests).toHaveLength(1);
    } finally {
      await hung.close();
    }
  });
};

describe.each(logtoHosts.map((host, index) => ({ ...host, index })))('loaded by $name', (host) => {
  const context = setUpHost(host, host.index);
  const { state, emailConnector, loadFactory, hostError } = context;
  describeBasics(host, context);

  it('loads, with valid metadata and form items, its logos and its README', async () => {
    const { rawConnector, rawMetadata } = await state.loader.buildRawConnector(await loadFactory());
    const kit = state.hostKit;
    expect(rawConnector.type).toBe(kit.ConnectorType.Email);
    expect(kit.connectorMetadataGuard.safeParse(rawConnector.metadata).success).toBe(true);
    for (const item of rawConnector.metadata.formItems ?? []) {
      expect(kit.connectorConfigFormItemGuard.safeParse(item).success).toBe(true);
    }
    const logo = await readFile(path.join(repository, 'logo.svg'));
    const logoDark = await readFile(path.join(repository, 'logo-dark.svg'));
    expect(rawMetadata.logo).toBe(`data:image/svg+xml;base64,${logo.toString('base64')}`);
    expect(rawMetadata.logoDark).toBe(`data:image/svg+xml;base64,${logoDark.toString('base64')}`);
    expect(rawMetadata.readme).toBe(await readFile(path.join(repository, 'README.md'), 'utf8'));
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
      const connector = await emailConnector();
      const message = signIn(state.hostKit, '808080');
      const config = { endpoint: `${flaky.origin}/email`, authorization: 'Bearer host-secret' };
      expect(await connector.sendMessage(message, config)).toMatchObject({ status: 202, attempts: 2 });
      expect(new Set(flaky.requests.map(({ headers }) => headers['webhook-id'])).size).toBe(1);

      const error = await hostError(
        connector.sendMessage(message, { ...config, endpoint: `${redirecting.origin}/email` })
      );
      expect(error.code).toBe(state.hostKit.ConnectorErrorCodes.General);
      expect(error.data).toMatchObject({ status: 302, attempts: 1 });
      expect(JSON.stringify(error.data)).not.toMatch(/host-secret|808080/);
      expect(flaky.requests).toHaveLength(2);
      expect(redirecting.requests).toHaveLength(1);
    } finally {
      await flaky.close();
      await redirecting.close();
    }
  });

  it('fails a real send after its retries with the same webhook-id the endpoint saw, and no secret', async () => {
    const failing = await startEndpoint((request, response) => {
      response
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'mail server down', echo: request.headers.authorization, body: request.body.toString() }));
    });
    try {
      const connector = await emailConnector(async () => ({
        endpoint: `${failing.origin}/email`,
        authorization: 'Bearer host-secret-503',
        retries: 1,
        timeout: 3000,
      }));
      const error = await hostError(connector.sendMessage(signIn(state.hostKit, '919191')));
      expect(error.code).toBe(state.hostKit.ConnectorErrorCodes.General);
      const ids = failing.requests.map(({ headers }) => headers['webhook-id']);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(1);
      expect(error.data).toMatchObject({ status: 503, attempts: 2, webhookId: ids[0] });
      expect(`${error.message} ${JSON.stringify(error.data)}`).not.toMatch(/host-secret-503|919191/);
    } finally {
      await failing.close();
    }
  });

  it('fails a 429 as rate_limit_exceeded, so that Logto answers the user with 429', async () => {
    const limiting = await startEndpoint((_request, response) => {
      response.writeHead(429, { 'retry-after': '120' }).end();
    });
    try {
      const connector = await emailConnector(async () => ({ endpoint: `${limiting.origin}/email` }));
      const error = await hostError(connector.sendMessage(signIn(state.hostKit, '535353')));
      expect(error.code).toBe(state.hostKit.ConnectorErrorCodes.RateLimitExceeded);
      // Retry-After asks for more than the 10 s budget: stop at once, not after a wait.
      expect(error.data).toMatchObject({ status: 429, attempts: 1 });
      expect(limiting.requests).toHaveLength(1);
    } finally {
      await limiting.close();
    }
  });

  it("rejects a bad config with an error of the host's own ConnectorError class", async () => {
    const connector = await emailConnector();
    const error = await hostError(
      connector.sendMessage(signIn(state.hostKit, '1'), { endpoint: 'ftp://example.com' })
    );
    expect(error.code).toBe(state.hostKit.ConnectorErrorCodes.InvalidConfig);
    // And not of the copy this repository installs for its own tests.
    const repositoryKit = await import('@logto/connector-kit');
    expect(error).not.toBeInstanceOf(repositoryKit.ConnectorError);
  });
});

describe.each(kyHosts.map((host, index) => ({ ...host, index: logtoHosts.length + index })))(
  'loaded by $name',
  (host) => {
    describeBasics(host, setUpHost(host, host.index));
  }
);
