// The command-line tool, run as an admin runs it: a child process against a local endpoint. Every
// run is checked for secrets of its arguments in what it printed (test/cli-run.ts).
import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

import { version } from '../package.json';

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

  it('follows the operator\'s HTTP_EMAIL_PUBLIC_ENDPOINTS_ONLY as a real send does: exit 2, nothing sent', async () => {
    const endpoint = await endpointWith();
    process.env.HTTP_EMAIL_PUBLIC_ENDPOINTS_ONLY = '1';
    try {
      const { code, stderr } = await runCli(['send', '--endpoint', `${endpoint.origin}/hook`, '--to', 'a@example.com']);
      expect(code).toBe(2);
      expect(stderr).toContain('does not send to (not publicly reachable, and this Logto sends to public addresses only');
      const { stdout: secret } = await runCli(['secret']);
      const checked = await runCli([
        'check', '--endpoint', `${endpoint.origin}/hook`, '--to', 'a@example.com', '--signing-secret', secret.trim(),
      ]);
      // A configuration mistake, said once: exit 2, not seven failed probes.
      expect(checked.code).toBe(2);
      expect(checked.stderr).toContain('does not send to (not publicly reachable, and this Logto sends to public addresses only');
      expect(checked.stderr).toContain('no probe was sent');
      // The operator's setting, not a usage mistake: no pointer to --help.
      expect(`${stderr}${checked.stderr}`).not.toContain('--help');
    } finally {
      delete process.env.HTTP_EMAIL_PUBLIC_ENDPOINTS_ONLY;
    }
    expect(endpoint.requests).toHaveLength(0);
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

  it('--config sends with a whole config, options replacing its keys; --show prints the text and the body, redacted', async () => {
    const endpoint = await endpointWith();
    const apiKey = 're_cli_1234567890abcdef';
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'http-email-cli-')), 'resend.json');
    await writeFile(
      file,
      JSON.stringify({
        endpoint: 'https://api.resend.com/emails',
        authorization: `Bearer ${apiKey}`,
        headers: { 'Idempotency-Key': '{{webhookId}}', 'X-Replaced': 'old' },
        includeTemplate: true,
        body: { from: 'Acme <sender@example.com>', to: ['{{to}}'], subject: '{{template.subject}}', html: '{{template.html}}', text: '{{template.text}}' },
        templates: [{ usageType: 'Register', subject: 'Welcome {{code}}', content: 'Your code is {{code}}.', contentType: 'text/plain' }],
      })
    );
    const { code, stdout } = await runCli([
      'send', '--config', file, '--endpoint', `${endpoint.origin}/emails`, '--header', 'x-replaced: new',
      '--to', 'ada@example.com', '--type', 'Register', '--locale', 'de', '--code', '424242', '--show',
    ]);
    expect(code).toBe(0);
    const [request] = endpoint.requests;
    expect(request!.url).toBe('/emails');
    expect(request!.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request!.headers['x-replaced']).toBe('new');
    expect(request!.headers['idempotency-key']).toBe(request!.headers['webhook-id']);
    const sentBody = JSON.parse(request!.body.toString()) as Record<string, string>;
    expect(sentBody).toMatchObject({ to: ['ada@example.com'], subject: 'Welcome 424242', text: 'Your code is 424242.' });
    // The code counts as a secret in everything the command prints.
    expect(stdout).toContain('Subject: Welcome [redacted]');
    expect(stdout).toContain('Text part:\nYour code is [redacted].');
    expect(stdout).toContain('Request body:\n{\n  "from": "Acme <sender@example.com>"');
    expect(stdout).not.toContain('424242');
    expect(stdout).not.toContain(apiKey);
  });

  it.each([
    ['a missing file', ['--config', '/nonexistent/recipe.json'], /--config: the file cannot be read/],
    ['a folder', ['--config', os.tmpdir()], /--config: the file cannot be read/],
  ])('--config with %s: exit 2', async (_name, args, message) => {
    const { code, stderr } = await runCli(['send', ...args, '--to', 'a@example.com']);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('--config that is not JSON or not a valid config: exit 2, the key named, nothing of the file quoted', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'http-email-cli-'));
    const notJson = path.join(folder, 'a.json');
    await writeFile(notJson, '{"authorization": "Bearer re_not_json_secret",');
    const invalid = path.join(folder, 'b.json');
    await writeFile(invalid, JSON.stringify({ endpoint: 'https://api.example.com', authorization: 'Bearer re_invalid_secret', body: { to: '{{recipient}}' } }));
    const first = await runCli(['send', '--config', notJson, '--to', 'a@example.com']);
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/--config: the file is not JSON/);
    const second = await runCli(['send', '--config', invalid, '--to', 'a@example.com']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/body: \{\{recipient\}\} names no value/);
    for (const { stdout, stderr } of [first, second]) {
      expect(`${stdout}${stderr}`).not.toMatch(/re_not_json_secret|re_invalid_secret/);
    }
  });

  it.each([
    ['no --to', ['send', '--endpoint', 'http://127.0.0.1:1'], /send needs --to/],
    ['no --endpoint', ['send', '--to', 'a@example.com'], /send needs --endpoint/],
    ['an unknown option', ['send', '--endpiont', 'x'], /^logto-http-email: send does not know the option --endpiont\n/],
    // Node's own message would quote the value typed after `=`, with an unbalanced quote.
    ['an unknown option with a value', ['send', '--to', 'a@example.com', '--token=tok-pasted-too-far'], /^logto-http-email: send does not know the option --token\n/],
    ['an unknown option that may be a secret', ['send', '--whsec9pasted-too-far'], /^logto-http-email: send does not know the first option\n/],
    ['an option without its value', ['send', '--to', 'a@example.com', '--endpoint'], /^logto-http-email: --endpoint needs a value\n/],
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

  it('--asymmetric prints a fresh whsk_ key for Logto and its whpk_ key for the endpoint, labelled; send signs v1a with it', async () => {
    const [first, second] = await Promise.all([runCli(['secret', '--asymmetric']), runCli(['secret', '--asymmetric'])]);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^secret key, for signingSecret in Logto \(keep it secret\): +whsk_[\d+/A-Za-z]{43}=$/);
    expect(lines[1]).toMatch(/^public key, for the endpoint \(need not be secret\): +whpk_[\d+/A-Za-z]{43}=$/);
    const [secretKey, publicKey] = lines.map((line) => line.split(' ').at(-1)!);
    expect(second.stdout).not.toContain(secretKey);

    // The pair belongs together: what send signs with the one, the other verifies.
    const endpoint = await endpointWith();
    const sent = await runCli(['send', '--endpoint', endpoint.origin, '--signing-secret', secretKey!, '--to', 'ada@example.com']);
    expect(sent.code).toBe(0);
    const [request] = endpoint.requests;
    const signature = String(request!.headers['webhook-signature']);
    expect(signature).toMatch(/^v1a,/);
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey!.slice(5), 'base64').toString('base64url') },
      format: 'jwk',
    });
    const signed = Buffer.from(`${request!.headers['webhook-id']}.${request!.headers['webhook-timestamp']}.${request!.body.toString()}`);
    expect(verify(null, signed, key, Buffer.from(signature.slice(4), 'base64'))).toBe(true);
    expect(verify(null, Buffer.concat([signed, Buffer.from(' ')]), key, Buffer.from(signature.slice(4), 'base64'))).toBe(false);
  });

  it('send refuses a whpk_ public key as its signing secret: exit 2, the hint, not the key', async () => {
    const { stdout } = await runCli(['secret', '--asymmetric']);
    const publicKey = stdout.trim().split('\n')[1]!.split(' ').at(-1)!;
    const { code, stderr } = await runCli(['send', '--endpoint', 'http://127.0.0.1:1', '--to', 'a@example.com', '--signing-secret', publicKey]);
    expect(code).toBe(2);
    expect(stderr).toContain('this is a public key: it belongs to the endpoint');
    expect(stderr).not.toContain(publicKey.slice(5));
  });

  it.each([['--version'], ['-v']])('%s prints the version, exit 0', async (flag) => {
    const { code, stdout, stderr } = await runCli([flag]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
    expect(stderr).toBe('');
  });

  it('--help says every command and option, exit 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const word of ['send', 'check', 'secret', '--endpoint', '--authorization', '--signing-secret', '--header', '--timeout', '--retries', '--to', '--type', '--code', '--locale', '--ip', 'Exit status']) {
      expect(stdout).toContain(word);
    }
  });

  it.each([
    ['send', ['--retries', '--code', '--link', '--config', '--show']],
    ['check', ['--signing-secret', '--to', 'a careless endpoint will send up to 5 test emails to --to', 'replay']],
    ['secret', ['whsec_', '--asymmetric', 'whsk_', 'whpk_']],
  ])('%s --help says that command and its options, exit 0', async (command, words) => {
    const { code, stdout } = await runCli([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${command}: `));
    for (const word of words) {
      expect(stdout).toContain(word);
    }
  });
});
