// The endpoints in README.md and README.de.md ("Verifying signatures"), run as they are written,
// with a sendEmail of the test's, against the connector: an admin copies them.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signedPost } from '../examples/smtp-relay/test-support.js';

import { rejection, send, signInMessage } from './helpers.js';
import { closedPort } from './server.js';
import { hasTool, python3With } from './tools.js';

const repository = fileURLToPath(new URL('..', import.meta.url));
const workspace = mkdtempSync(path.join(tmpdir(), 'http-email-readme-'));

// The test's sendEmail: code "fail" can never be sent, code "flaky" fails the first time, code
// "slow" takes 300 ms. Each email sent is a line in sent.log, written before the endpoint answers
// (its stdout could arrive after the answer).
const harness = {
  js: {
    file: 'endpoint.mjs',
    command: process.execPath,
    header: `import { appendFileSync as appendSent } from 'node:fs';
let flakyFailed = false;
const sendEmail = async (email) => {
  if (email.payload.code === 'fail') throw new Error('mail server down');
  if (email.payload.code === 'flaky' && !flakyFailed) {
    flakyFailed = true;
    throw new Error('mail server down once');
  }
  if (email.payload.code === 'slow') await new Promise((resolve) => setTimeout(resolve, 300));
  appendSent('sent.log', email.payload.code + '\\n');
};
`,
  },
  python: {
    file: 'endpoint.py',
    command: 'python3',
    header: `import time as _time
_flaky_failed = []
def send_email(email):
    if email["payload"]["code"] == "fail":
        raise RuntimeError("mail server down")
    if email["payload"]["code"] == "flaky" and not _flaky_failed:
        _flaky_failed.append(True)
        raise RuntimeError("mail server down once")
    if email["payload"]["code"] == "slow":
        _time.sleep(0.3)
    with open("sent.log", "a") as _log:
        _log.write(email["payload"]["code"] + "\\n")
`,
  },
} as const;

/** The README's one code block in `language`. */
const endpointCode = (readme: string, language: keyof typeof harness) => {
  const blocks = [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))];
  expect(blocks).toHaveLength(1);
  const code = blocks[0]?.[1];
  if (!code) {
    throw new Error(`no ${language} endpoint found`);
  }
  return code;
};

const newWebhookId = () => `msg_${randomBytes(16).toString('hex')}`;

const waitForPort = async (port: number, child: ChildProcess) => {
  for (let tries = 0; tries < 100; tries++) {
    if (child.exitCode !== null) {
      throw new Error(`the endpoint exited with ${child.exitCode}`);
    }
    const socket = net.connect(port, '127.0.0.1');
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
    });
    socket.destroy();
    if (connected) {
      return;
    }
    await sleep(100);
  }
  throw new Error(`nothing listens on ${port}`);
};

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

const cases = ['README.md', 'README.de.md'].flatMap((readme) =>
  (['js', 'python'] as const).map((language) => ({ readme, language }))
);

const endpointTests = ({ readme, language }: (typeof cases)[number]) => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  let endpoint: string;
  let child: ChildProcess;
  let directory: string;
  let stderr = '';

  const sentCodes = () =>
    readFileSync(path.join(directory, 'sent.log'), { encoding: 'utf8', flag: 'a+' }).split('\n').filter(Boolean);

  /** A POST signed by the test itself, by default correctly. */
  const post = async (
    body: string,
    { id = newWebhookId(), at = new Date(), signedBody = body, key = secret } = {}
  ) => {
    const response = await signedPost(endpoint, key, id, body, { at, signedBody });
    await response.arrayBuffer();
    return response.status;
  };

  const emailBody = (code: string) =>
    JSON.stringify({ to: 'ada@example.com', type: 'SignIn', payload: { code } });

  beforeAll(async () => {
    directory = path.join(workspace, `${readme}-${language}`);
    await mkdir(directory);
    // The Node example imports standardwebhooks: resolved from this repository's node_modules.
    await symlink(path.join(repository, 'node_modules'), path.join(directory, 'node_modules'), 'dir');
    const { file, command, header } = harness[language];
    const code = endpointCode(await readFile(path.join(repository, readme), 'utf8'), language);
    await writeFile(path.join(directory, file), header + code);

    const port = await closedPort();
    endpoint = `http://127.0.0.1:${port}/logto/email`;
    child = spawn(command, [file], {
      cwd: directory,
      env: { ...process.env, PORT: String(port), LOGTO_EMAIL_SECRET: secret },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await waitForPort(port, child);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill();
      await once(child, 'exit');
    }
  });

  it('takes a signed email from the connector, and sends a repeated webhook-id only once', async () => {
    const message = signInMessage();
    const result = await send(message, { endpoint, signingSecret: secret });
    expect(result).toMatchObject({ status: 204, attempts: 1 });

    const id = newWebhookId();
    expect(await post(emailBody('777001'), { id })).toBe(204);
    expect(await post(emailBody('777001'), { id })).toBe(204);
    expect(sentCodes()).toEqual([message.payload.code, '777001']);
  });

  it('sends a repeat that comes while the first is being sent only once', async () => {
    const id = newWebhookId();
    const statuses = await Promise.all([post(emailBody('slow'), { id }), post(emailBody('slow'), { id })]);
    expect(statuses).toEqual([204, 204]);
    expect(sentCodes().filter((code) => code === 'slow')).toHaveLength(1);
  });

  it('answers 401 to a wrong or missing signature, a replay and a changed body, and sends nothing', async () => {
    const before = sentCodes().length;
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    const error = await rejection(send(signInMessage(), { endpoint, signingSecret: other }), 'general');
    expect(error.data).toMatchObject({ status: 401, attempts: 1 });
    expect(await rejection(send(signInMessage(), { endpoint }), 'general')).toMatchObject({
      data: { status: 401 },
    });
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    expect(await post(emailBody('888001'), { at: tenMinutesAgo })).toBe(401);
    expect(await post(emailBody('888002'), { signedBody: emailBody('888003') })).toBe(401);
    expect(await post(emailBody('888004'), { key: other })).toBe(401);
    expect(sentCodes()).toHaveLength(before);
  });

  it('answers 503 when sending fails, so the connector retries, and keeps running', async () => {
    const message = signInMessage('fail');
    const error = await rejection(send(message, { endpoint, signingSecret: secret, retries: 1 }), 'general');
    expect(error.data).toMatchObject({ status: 503, attempts: 2 });
    // A message that failed is not taken as sent: its next attempt sends it.
    const id = newWebhookId();
    expect(await post(emailBody('flaky'), { id })).toBe(503);
    expect(await post(emailBody('flaky'), { id })).toBe(204);
    expect(sentCodes().filter((code) => code === 'flaky')).toHaveLength(1);
    const next = signInMessage();
    expect(await send(next, { endpoint, signingSecret: secret })).toMatchObject({ status: 204 });
    expect(sentCodes().at(-1)).toBe(next.payload.code);
    expect(child.exitCode).toBeNull();
    expect(stderr).not.toMatch(/Unhandled|Traceback/);
  });
};

/** What the README's Python endpoints import beyond Python's standard library. */
const pythonModules: string[] = [];
const withPython = hasTool(python3With(pythonModules), "the README's Python endpoints");
const canRun = ({ language }: (typeof cases)[number]) => harness[language].command !== 'python3' || withPython;
const title = '$readme, the $language endpoint';
describe.each(cases.filter(canRun))(title, endpointTests);
describe.skip.each(cases.filter((testCase) => !canRun(testCase)))(title, endpointTests);
