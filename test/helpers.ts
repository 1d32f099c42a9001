import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';

import { ConnectorError, type SendMessageData } from '@logto/connector-kit';
import { afterEach, expect } from 'vitest';

import createConnector from '../src/index.js';

import { startEndpoint, type Handler, type TestEndpoint } from './server.js';

export const connector = async (getConfig: (id: string) => Promise<unknown> = rejectGetConfig) =>
  createConnector({ getConfig });

const rejectGetConfig = async () => {
  throw new Error('getConfig must not be called when the config is passed in');
};

/** Sends through the connector's public surface with a config passed in, as Console's test does. */
export const send = async (data: SendMessageData, config: unknown) =>
  (await connector()).sendMessage(data, config);

/** Awaits a rejection and checks that it is a ConnectorError of `code`. */
export const rejection = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.then(
    () => {
      throw new Error(`expected a rejection with ${code}, but the send resolved`);
    },
    (error: unknown) => error
  );
  expect(error).toBeInstanceOf(ConnectorError);
  const connectorError = error as ConnectorError;
  expect(connectorError.code).toBe(code);
  return connectorError;
};

/** Everything of an error that Logto may show: its message and its data, serialized. */
export const publicText = (error: ConnectorError) =>
  `${error.message}\n${JSON.stringify(error.data)}`;

export const expectClean = (error: ConnectorError, secrets: string[]) => {
  const text = publicText(error);
  for (const secret of secrets) {
    expect(text, `the error contains the secret ${JSON.stringify(secret)}`).not.toContain(secret);
  }
};

export const randomCode = () => String(Math.floor(100_000 + Math.random() * 900_000));

export const signInMessage = (code = randomCode()): SendMessageData =>
  ({ to: 'ada@example.com', type: 'SignIn', payload: { code, locale: 'en' } }) as SendMessageData;

/** A `startEndpoint` whose endpoints are closed after each test of the file that calls this. */
export const endpointsClosedAfterEach = () => {
  const open: TestEndpoint[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map(async (endpoint) => endpoint.close()));
  });
  return async (handler?: Handler) => {
    const endpoint = await startEndpoint(handler);
    open.push(endpoint);
    return endpoint;
  };
};

/** Runs a Node.js script as a child process, as a user would, and collects how it ended. */
export const runNode = async (args: string[], options: { cwd?: string } = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, args, options, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });

/**
 * Keeps every core of the machine busy with CPU-bound processes (one more than there are cores),
 * as a loaded host would be, until the returned function stops them.
 */
export const keepCoresBusy = async (): Promise<() => Promise<void>> => {
  const burners = Array.from({ length: availableParallelism() + 1 }, () =>
    spawn(process.execPath, ['-e', 'process.stdout.write("up\\n"); for (;;) {}'], { stdio: ['ignore', 'pipe', 'ignore'] })
  );
  await Promise.all(burners.map(async (burner) => once(burner.stdout, 'data')));
  return async () => {
    await Promise.all(
      burners.map(async (burner) => {
        const exited = once(burner, 'exit');
        burner.kill('SIGKILL');
        await exited;
      })
    );
  };
};
