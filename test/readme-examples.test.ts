// The endpoints in README.md and README.de.md ("Verifying signatures"), run as they are written,
// with a sendEmail of the test's, against the connector: an admin copies them. Each verifies v1
// as written, and v1a with the README's replacement for its verification put in.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
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
import { newSigningKeyPair, newSigningSecret, signatureHeaders, signingKeys } from '../src/signing.js';

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

type Scheme = 'v1' | 'v1a';

/** `text` with the one match of `pattern` replaced: the README's words say what goes where. */
const replaceOnce = (text: string, pattern: RegExp, by: string) => {
  expect(text.match(new RegExp(pattern, 'gm'))).toHaveLength(1);
  return text.replace(pattern, by);
};

/** What the README says to put in place of the v1 verification, done as it says. */
const withV1a = {
  js: (endpoint: string, v1a: string) =>
    replaceOnce(
      replaceOnce(endpoint, /^import { Webhook } from 'standardwebhooks';\n/m, ''),
      /^const webhook = new Webhook\(.*\n/m,
      v1a
    ),
  python: (endpoint: string, v1a: string) =>
    replaceOnce(replaceOnce(endpoint, /^def verified\(headers, body\):\n(?:[ \t]+.*\n)+\n/m, ''), /^KEY = .*\n/m, v1a),
} as const;

/** The README's endpoint in `language`, verifying `scheme`: its first block, with its second put in for v1a. */
const endpointCode = (readme: string, language: keyof typeof harness, scheme: Scheme) => {
  const blocks = [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((block) => block[1]!);
  // The endpoint, and what v1a puts in place of its verification.
  expect(blocks).toHaveLength(2);
  const [endpoint, v1a] = blocks as [string, string];
  return scheme === 'v1' ? endpoint : withV1a[language](endpoint, v1a);
};

// The Python v1a verifier needs the `cryptography` package.
/** The README's Python endpoints: v1 needs only Python's standard library, v1a the cryptography package. */
const withPython = hasTool(python3With([]), "the README's Python endpoints");
const withPythonCryptography =
  withPython && hasTool(python3With(['cryptography']), "the README's Python v1a endpoints");

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
  (['js', 'python'] as const).flatMap((language) =>
    (['v1', 'v1a'] as const).map((scheme) => ({ readme, language, scheme }))
  )
);

/** A fresh key or secret of the other kind than `key`: a signature the endpoint must not take. */
const otherKind = (key: string) => (key.startsWith('whsk_') ? newSigningSecret() : newSigningKeyPair().secretKey);

describe.each(cases)('$readme, the $language endpoint, verifying $scheme', ({ readme, language, scheme }) => {
  // v1: the endpoint holds the secret; v1a: only the public key of Logto's whsk_ key.
  const pair = newSigningKeyPair();
  const secret = scheme === 'v1' ? newSigningSecret() : pair.secretKey;
  const endpointEnv = scheme === 'v1' ? { LOGTO_EMAIL_SECRET: secret } : { LOGTO_EMAIL_PUBLIC_KEY: pair.publicKey };
  const skip = language === 'python' && !(scheme === 'v1a' ? withPythonCryptography : withPython);
  const itRuns = skip ? it.skip : it;
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
    // v1 signed by the standardwebhooks package, v1a by the connector's own signing code.
    const response = key.startsWith('whsk_')
      ? await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': id,
            'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
            ...signatureHeaders(signingKeys([key]))(id, Math.floor(at.getTime() / 1000), signedBody),
          },
          body,
        })
      : await signedPost(endpoint, key, id, body, { at, signedBody });
    await response.arrayBuffer();
    return response.status;
  };

  const emailBody = (code: string) =>
    JSON.stringify({ to: 'ada@example.com', type: 'SignIn', payload: { code } });

  beforeAll(async () => {
    if (skip) {
      return;
    }
    directory = path.join(workspace, `${readme}-${language}-${scheme}`);
    await mkdir(directory);
    // The Node example imports standardwebhooks: resolved from this repository's node_modules.
    await symlink(path.join(repository, 'node_modules'), path.join(directory, 'node_modules'), 'dir');
    const { file, command, header } = harness[language];
    const code = endpointCode(await readFile(path.join(repository, readme), 'utf8'), language, scheme);
    await writeFile(path.join(directory, file), header + code);

    const port = await closedPort();
    endpoint = `http://127.0.0.1:${port}/logto/email`;
    child = spawn(command, [file], {
      cwd: directory,
      env: { ...process.env, PORT: String(port), ...endpointEnv },
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

  itRuns('takes a signed email from the connector, and sends a repeated webhook-id only once', async () => {
    const message = signInMessage();
    const result = await send(message, { endpoint, signingSecret: secret });
    expect(result).toMatchObject({ status: 204, attempts: 1 });

    const id = newWebhookId();
    expect(await post(emailBody('777001'), { id })).toBe(204);
    expect(await post(emailBody('777001'), { id })).toBe(204);
    expect(sentCodes()).toEqual([message.payload.code, '777001']);
  });

  itRuns('sends a repeat that comes while the first is being sent only once', async () => {
    const id = newWebhookId();
    const statuses = await Promise.all([post(emailBody('slow'), { id }), post(emailBody('slow'), { id })]);
    expect(statuses).toEqual([204, 204]);
    expect(sentCodes().filter((code) => code === 'slow')).toHaveLength(1);
  });

  itRuns('answers 401 to a wrong or missing signature, a replay and a changed body, and sends nothing', async () => {
    const before = sentCodes().length;
    const other = scheme === 'v1' ? newSigningSecret() : newSigningKeyPair().secretKey;
    const error = await rejection(send(signInMessage(), { endpoint, signingSecret: other }), 'general');
    expect(error.data).toMatchObject({ status: 401, attempts: 1 });
    expect(await rejection(send(signInMessage(), { endpoint }), 'general')).toMatchObject({
      data: { status: 401 },
    });
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    expect(await post(emailBody('888001'), { at: tenMinutesAgo })).toBe(401);
    expect(await post(emailBody('888002'), { signedBody: emailBody('888003') })).toBe(401);
    expect(await post(emailBody('888004'), { key: other })).toBe(401);
    expect(await post(emailBody('888005'), { key: otherKind(secret) })).toBe(401);
    expect(sentCodes()).toHaveLength(before);
  });

  itRuns('answers 503 when sending fails, so the connector retries, and keeps running', async () => {
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
});
