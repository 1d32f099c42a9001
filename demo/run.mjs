// npm run demo: a sign-in email leaves Logto's connector and lands in a real SMTP server, on this
// machine, with nothing to set up. Everything binds to 127.0.0.1 on free ports.
//
//   Logto's loader ─▶ HTTP email connector ─▶ smtp-relay (verifies, dedupes) ─▶ SMTP server
import { randomBytes, randomInt } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const say = (text = '') => console.log(text);
const step = (text) => say(`\n▸ ${text}`);

class DemoError extends Error {}

const requireInstalled = () => {
  for (const name of ['smtp-server', 'nodemailer', 'mailparser', 'standardwebhooks']) {
    if (!existsSync(path.join(root, 'node_modules', name))) {
      throw new DemoError(`${name} is not installed. Run "npm install" in ${root} first.`);
    }
  }
};

const indent = (text) => String(text ?? '').trim().replaceAll(/^(?=.)/gm, '      ');

const main = async () => {
  say('HTTP email connector demo: Logto → connector → smtp-relay → SMTP server, all on 127.0.0.1');
  requireInstalled();

  step('Building the connector');
  const { ensureBuilt } = await import('./logto-host.mjs');
  try {
    say(`  ${await ensureBuilt()}`);
  } catch (error) {
    throw new DemoError(`the build failed:\n${error.stderr || error.stdout || error.message}`);
  }

  step("Getting Logto's CLI, whose own code adds and loads the connector");
  const { currentLogtoCli, isLogtoCliInstalled, logtoCli } = await import('./logto-cli.mjs');
  const earlier = isLogtoCliInstalled(currentLogtoCli);
  const cli = await logtoCli(currentLogtoCli).catch((error) => {
    throw new DemoError(error.message);
  });
  say(`  @logto/cli ${currentLogtoCli}, installed ${earlier ? 'by an earlier run' : 'now, once'}: ${path.relative(root, cli)}`);

  // Imported only now, so that a missing `npm install` gets the message above, not a stack trace.
  const { startMailCatcher } = await import('./mail-catcher.mjs');
  const { createRelay } = await import('../examples/smtp-relay/relay.mjs');
  const { default: nodemailer } = await import('nodemailer');

  step('Starting an SMTP server (smtp-server, in this process)');
  const mailbox = await startMailCatcher();
  say(`  listening on 127.0.0.1:${mailbox.port}`);

  step('Starting the reference endpoint (examples/smtp-relay)');
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const events = [];
  const relay = createRelay({
    signingSecrets: [secret],
    transport: nodemailer.createTransport({ host: '127.0.0.1', port: mailbox.port, secure: false, ignoreTLS: true }),
    from: 'Acme <no-reply@acme.test>',
    onEvent: (event) => events.push(event),
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  const endpoint = `http://127.0.0.1:${relay.address().port}/logto/email`;
  say(`  listening on ${endpoint}, signing secret ${secret.slice(0, 12)}…`);

  const workspace = await mkdtemp(path.join(tmpdir(), 'http-email-demo-'));
  try {
    step('Installing the packed connector as `logto connector add` does, and loading it with Logto\'s loader');
    const { installLikeLogto, loadLikeLogto } = await import('./logto-host.mjs');
    const { connectors } = await installLikeLogto(workspace);
    const connector = await loadLikeLogto(connectors, async () => ({ endpoint, signingSecret: secret }));
    say(`  loaded "${connector.metadata.name.en}" (${connector.metadata.id}), type ${connector.type}`);

    const messages = [
      {
        title: 'A German sign-in code',
        data: {
          to: 'ada@example.com',
          type: 'SignIn',
          payload: { code: String(randomInt(100_000, 1_000_000)), locale: 'de', application: { name: 'Acme Portal' } },
          ip: '203.0.113.7',
        },
      },
      {
        title: 'An organization invitation',
        data: {
          to: 'grace@example.com',
          type: 'OrganizationInvitation',
          payload: {
            link: `https://auth.acme.test/invitation/${randomInt(1e9)}`,
            locale: 'en',
            organization: { name: 'Acme GmbH' },
            inviter: { name: 'Ada Lovelace' },
          },
        },
      },
    ];

    for (const { title, data } of messages) {
      step(`${title}: sendMessage(${data.type} to ${data.to}, ${data.payload.code ? `code ${data.payload.code}` : `link ${data.payload.link}`})`);
      const before = mailbox.messages.length;
      const result = await connector.sendMessage(data);
      const event = events.find(({ webhookId }) => webhookId === result.webhookId);
      const mail = mailbox.messages[before];
      if (!event || !mail) {
        throw new DemoError('the email did not arrive');
      }
      say(`  the relay received: webhook-id ${event.webhookId}, signature ${event.verified ? 'verified' : 'NOT verified'}, answered ${event.status}`);
      say(`  the connector: delivered, HTTP ${result.status} after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`);
      say('  the SMTP server received:');
      say(`    From:    ${mail.from}`);
      say(`    To:      ${mail.to}`);
      say(`    Subject: ${mail.subject}`);
      say(`    Text:\n${indent(mail.text)}`);
    }

    say(`\n✔ ${mailbox.messages.length} emails delivered. Point the relay at your own SMTP server: examples/smtp-relay/README.md`);
  } finally {
    relay.closeAllConnections();
    relay.close();
    await mailbox.close();
    await rm(workspace, { recursive: true, force: true });
  }
};

try {
  await main();
} catch (error) {
  console.error(`\n✘ The demo failed: ${error instanceof DemoError ? error.message : error?.stack ?? error}`);
  process.exitCode = 1;
}
