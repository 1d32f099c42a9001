// The command-line tool, run as an admin runs it: a child process against a local endpoint.
import { fileURLToPath } from 'node:url';

import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

import { endpointsClosedAfterEach, runNode } from './helpers.js';

const cli = fileURLToPath(new URL('../lib/cli.js', import.meta.url));

const runCli = async (args: string[]) => runNode([cli, ...args]);
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

  it.each([
    ['no --to', ['send', '--endpoint', 'http://127.0.0.1:1'], /send needs --to/],
    ['no --endpoint', ['send', '--to', 'a@example.com'], /send needs --endpoint/],
    ['an unknown option', ['send', '--endpiont', 'x'], /Unknown option '--endpiont'/],
    ['a bad header', ['send', '--endpoint', 'http://127.0.0.1:1', '--to', 'a@example.com', '--header', 'NoColon'], /--header takes "Name: value"/],
    ['a bad timeout', ['send', '--endpoint', 'http://127.0.0.1:1', '--to', 'a@example.com', '--timeout', 'soon'], /timeout must be a whole number/],
    ['a bad endpoint', ['send', '--endpoint', 'ftp://example.com', '--to', 'a@example.com'], /endpoint must be an absolute http: or https: URL/],
    ['an unknown command', ['sned'], /unknown command "sned"/],
    ['no command', [], /Usage:/],
  ])('bad usage, %s: exit 2 with a message', async (_name, args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(`${stdout}${stderr}`).toMatch(message);
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
    for (const word of ['send', 'secret', '--endpoint', '--authorization', '--signing-secret', '--header', '--timeout', '--retries', '--to', '--type', '--code', '--locale', '--ip', 'Exit status']) {
      expect(stdout).toContain(word);
    }
  });
});
