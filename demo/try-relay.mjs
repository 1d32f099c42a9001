// npm run try-relay: the reference endpoint (examples/smtp-relay, started as `npm start` starts it)
// in front of a local mail catcher that prints every email it gets, instead of a real mail server.
// Point the connector or `node lib/cli.js send` at it. Ctrl-C stops both.
//
// Settings as the relay takes them (examples/smtp-relay/README.md); SMTP_URL is the catcher's.
// Without LOGTO_EMAIL_SECRET a throwaway secret is made and printed, for this try-out only.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { startMailCatcher } from './mail-catcher.mjs';

const relayMain = fileURLToPath(new URL('../examples/smtp-relay/main.mjs', import.meta.url));

const mailbox = await startMailCatcher({
  onMessage: ({ envelope, from, subject, text }) => {
    const body = String(text ?? '').trim().replaceAll(/^/gm, '  ');
    console.log(`mail-catcher: email to ${envelope.to.join(', ')} from ${from}\n  Subject: ${subject}\n${body}`);
  },
});

const madeSecret = process.env.LOGTO_EMAIL_SECRET ? undefined : `whsec_${randomBytes(32).toString('base64')}`;
const env = {
  RELAY_PORT: '8080',
  MAIL_FROM: 'Relay try-out <no-reply@relay.test>',
  ...process.env,
  SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
  ...(madeSecret && { LOGTO_EMAIL_SECRET: madeSecret }),
};
console.log(`mail-catcher: listening on smtp://127.0.0.1:${mailbox.port}; every email it gets is printed here`);
if (madeSecret) {
  console.log(`try-relay: signing secret for this try-out: ${madeSecret}`);
}

const relay = spawn(process.execPath, [relayMain], { env, stdio: ['ignore', 'pipe', 'inherit'] });
relay.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const listening = /listening on (http:\/\/\S+),/.exec(chunk.toString());
  if (listening) {
    const secret = madeSecret ?? 'whsec_…';
    console.log(
      `try-relay: send an email through it, from a checkout after npm run build:\n  node lib/cli.js send --endpoint ${listening[1]}/ --signing-secret ${secret} --to you@example.com --type SignIn`
    );
  }
});
relay.on('exit', async (code, signal) => {
  await mailbox.close();
  process.exitCode = code ?? (signal ? 1 : 0);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => relay.kill('SIGTERM'));
}
