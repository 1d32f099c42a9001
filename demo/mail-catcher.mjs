// A real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps every email it accepts,
// parsed: the demo's mailbox, and the tests'.
import { once } from 'node:events';

import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** `Name <address>` for each address of a parsed header, comma-separated. */
const addresses = (header) =>
  (Array.isArray(header) ? header : header ? [header] : [])
    .flatMap(({ value }) => value)
    .map(({ name, address }) => (name ? `${name} <${address}>` : address))
    .join(', ') || undefined;

/**
 * @param {object} [options]
 * @param {() => boolean} [options.isDown] While it returns true, connections are refused as by a
 *   server that is down.
 * @param {(message: object) => void} [options.onMessage] Called with each email it accepts.
 * @param {number} [options.port] The port on 127.0.0.1; by default a free one.
 */
export const startMailCatcher = async ({ isDown = () => false, onMessage = () => {}, port: wantedPort = 0 } = {}) => {
  const messages = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      callback(isDown() ? Object.assign(new Error('Service not available'), { responseCode: 421 }) : undefined);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const message = {
            envelope: { from: session.envelope.mailFrom?.address, to: session.envelope.rcptTo.map(({ address }) => address) },
            from: addresses(mail.from),
            to: addresses(mail.to),
            replyTo: addresses(mail.replyTo),
            subject: mail.subject,
            text: mail.text,
            html: typeof mail.html === 'string' ? mail.html : undefined,
          };
          messages.push(message);
          onMessage(message);
          callback();
        })
        .catch(callback);
    },
  });
  server.listen(wantedPort, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address();

  return {
    port,
    messages,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};
