// The command-line tool, run as an admin runs it: a child process against a local endpoint. Every
// run is checked for secrets of its arguments in what it printed (test/cli-run.ts).
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

import { runCli } from './cli-run.js';
import { endpointsClosedAfterEach } from './helpers.js';

const endpointWith = endpointsClosedAfterEach();

describe('logto-http-email send', () => {
  it('delivers: exit 0, status, attempts and id printed; the request is signed and complete', async () => {
    const endpoint = await endpointWith();
    const { stdout: secret } = await runCli(['secret']);
    const { code, stdout } = await runCli([
      'send',
      '--endpoint', `${endpoint.origin}/hook`,
      '--authorization', 'Bearer cli-token',
      '--signing-secret', secret.trim(),
      '--header', 'X-Api-Key: k: with colon',
      '--to', 'ada@example.com',
      '--type', 'SignIn',
      '--code', '112233',
      '--locale', 'de',
      '--ip', '198.51.100.4',
      '--timeout', '5000',
      '--retries', '1',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(`sending SignIn to ada@example.com via ${endpoint.origin}\n`);
    const [request] = endpoint.requests;
    expect(stdout).toMatch(new RegExp(`Delivered: HTTP 204 after 1 attempt, webhook-id ${request!.headers['webhook-id']}`));
    expect(request!.body.toString()).toBe(
      '{"to":"ada@example.com","type":"SignIn","payload":{"code":"112233","locale":"de"},"ip":"198.51.100.4"}'
    );
    expect(request!.headers.authorization).toBe('Bearer cli-token');
    expect(request!.headers['x-api-key']).toBe('k: with colon');
    expect(() => new Webhook(secret.trim()).verify(request!.body, request!.headers as Record<string, string>)).not.toThrow();
  });

  it('a failed send: exit 1 and the error, nothing secret', async () => {
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(500).end('smtp down');
    });
    const { code, stderr } = await runCli([
      'send', '--endpoint', endpoint.origin, '--authorization', 'Bearer cli-secret', '--to', 'a@example.com',
      '--code', '909090', '--retries', '0',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('Failed (general)');
    expect(stderr).toContain('"status": 500');
    expect(stderr).toContain('smtp down');
    expect(stderr).not.toContain('cli-secret');
    expect(stderr).not.toContain('909090');
  });

  it('names the endpoint by its origin only: no path, query or credentials in any line', async () => {
    const endpoint = await endpointWith((_request, response) => {
      response.writeHead(502).end('bad gateway');
    });
    const url = new URL(`${endpoint.origin}/hooks/catch/8412/Zk3q9vXa?token=tok-5150-secret`);
    url.username = 'relay-user';
    url.password = 'relay-pass-77';
    const { code, stdout, stderr } = await runCli(['send', '--endpoint', url.href, '--to', 'a@example.com', '--retries', '0']);
    expect(code).toBe(1);
    expect(endpoint.requests[0]!.url).toBe('/hooks/catch/8412/Zk3q9vXa?token=tok-5150-secret');
    expect(stdout).toContain(`via ${endpoint.origin}\n`);
    for (const part of ['relay-user', 'relay-pass-77', '8412', 'Zk3q9vXa', 'tok-5150-secret']) {
      expect(`${stdout}${stderr}`).not.toContain(part);
    }
  });

  it.each([
    ['no --to', ['send', '--endpoint', 'http://127.0.0.1:1'], /send needs --to/],
    ['no --endpoint', ['send', '--to', 'a@example.com'], /send needs --endpoint/],
    ['an unknown option', ['send', '--endpiont', 'x'], /Unknown option '--endpiont'/],
    ['a bad header', ['send', '--endpoint', 'http://127.0.0.1:1', '--to', 'a@example.com', '--header', 'NoColonSecretValue'], /--header takes "Name: value"; the first --header has no name/],
    ['a header value that Node would not send', ['send', '--endpoint', 'http://127.0.0.1:1', '--to', 'a@example.com', '--header', 'X-Key: ключ-secret'], /headers: the value of the first header may only contain printable ASCII/],
    // A value pasted one place too far is often a secret: the message counts it, never quotes it.
    ['a stray argument', ['send', '--endpoint', 'http://127.0.0.1:1', '--to', 'a@example.com', 'whsec_pasted-too-far'], /send takes only options; one argument is not an option's value/],
    ['an invalid signing secret', ['send', '--endpoint', 'http://127.0.0.1:1', '--to', 'a@example.com', '--signing-secret', 'sk_live_notawhsec'], /signingSecret: the first secret does not start with whsec_/],
    ['a bad timeout', ['send', '--endpoint', 'http://127.0.0.1:1', '--to', 'a@example.com', '--timeout', 'soon'], /timeout must be a whole number/],
    ['a blank --to', ['send', '--endpoint', 'http://127.0.0.1:1', '--to', '   '], /send needs --to/],
    ['an empty --type', ['send', '--endpoint', 'http://127.0.0.1:1', '--to', 'a@example.com', '--type', ''], /--type needs a template type/],
    ['a blank --type', ['send', '--endpoint', 'http://127.0.0.1:1', '--to', 'a@example.com', '--type', ' '], /--type needs a template type/],
    ['a bad endpoint', ['send', '--endpoint', 'ftp://example.com', '--to', 'a@example.com'], /endpoint must be an absolute http: or https: URL/],
    ['an unknown command', ['sned'], /unknown command; the commands are send, check, secret/],
    ['an unknown command that may be a token', ['tok_live_7Hq2Zx9Lm4'], /unknown command; the commands are/],
    ['no command', [], /Usage:/],
  ])('bad usage, %s: exit 2 with a message', async (_name, args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(`${stdout}${stderr}`).toMatch(message);
    expect(`${stdout}${stderr}`).not.toContain('pasted-too-far');
  });
});

describe('logto-http-email send: each rule stated once', () => {
  it.each(['Infinity', '1e9', '1.5', '100000.5', '0', '60001', 'NaN'])('--timeout %s: exit 2, the rule said once', async (timeout) => {
    const { code, stdout, stderr } = await runCli(['send', '--endpoint', 'http://127.0.0.1:1', '--to', 'a@example.com', '--timeout', timeout]);
    expect(code).toBe(2);
    const output = `${stdout}${stderr}`;
    expect(output.match(/timeout must be a whole number from 500 to 60000 \(milliseconds\)/g)).toHaveLength(1);
  });
});

describe('logto-http-email secret and --help', () => {
  it('prints a fresh whsec_ secret of 32 bytes that the connector accepts', async () => {
    const [first, second] = await Promise.all([runCli(['secret']), runCli(['secret'])]);
    expect(first.code).toBe(0);
    const secret = first.stdout.trim();
    expect(secret).toMatch(/^whsec_[\d+/A-Za-z]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(second.stdout.trim()).not.toBe(secret);
  });

  it('--help says every command and option, exit 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const word of ['send', 'check', 'secret', '--endpoint', '--authorization', '--signing-secret', '--header', '--timeout', '--retries', '--to', '--type', '--code', '--locale', '--ip', 'Exit status']) {
      expect(stdout).toContain(word);
    }
  });

  it.each([
    ['send', ['--retries', '--code', '--link']],
    ['check', ['--signing-secret', '--to', 'a careless endpoint will send up to 5 test emails to --to', 'replay']],
    ['secret', ['whsec_']],
  ])('%s --help says that command and its options, exit 0', async (command, words) => {
    const { code, stdout } = await runCli([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${command}: `));
    for (const word of words) {
      expect(stdout).toContain(word);
    }
  });
});
