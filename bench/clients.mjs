// The ways of sending one message that the benchmark compares. Each factory gets the endpoint's
// origin (and, for this connector, the lib/index.js of a Logto layout) and returns `send(message)`.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

import createLegacyConnector from 'connector-http-email-043';

const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const getConfigFor = (config) => async () => config;

/**
 * The Resend recipe's request body, with includeTemplate off: the built-in text fills in the
 * subject, the HTML and the text part.
 */
const resendBody = {
  from: 'Acme <sender@example.com>',
  to: ['{{to}}'],
  subject: '{{template.subject}}',
  html: '{{template.html}}',
  text: '{{template.text}}',
};

const body = ({ to, type, payload, ip }) => JSON.stringify({ to, type, payload, ...(ip && { ip }) });

/** This package as Logto loads it: `entry` is lib/index.js of the installed tarball. */
const connector = async (entry, config) => {
  const { default: createConnector } = await import(pathToFileURL(entry).href);
  const { sendMessage } = await createConnector({ getConfig: getConfigFor(config) });
  return (message) => sendMessage(message);
};

export const clients = {
  async connector(origin, entry) {
    return connector(entry, { endpoint: `${origin}/email` });
  },
  async 'connector, signed'(origin, entry) {
    return connector(entry, { endpoint: `${origin}/email`, signingSecret: secret });
  },
  async 'connector, templated'(origin, entry) {
    return connector(entry, { endpoint: `${origin}/email`, body: resendBody });
  },
  async '0.4.3'(origin) {
    const { sendMessage } = await createLegacyConnector({ getConfig: getConfigFor({ endpoint: `${origin}/email` }) });
    return (message) => sendMessage(message);
  },
  async 'bare fetch'(origin) {
    return async (message) => {
      const response = await fetch(`${origin}/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(message),
      });
      await response.arrayBuffer();
    };
  },
  async 'bare node:http'(origin) {
    const agent = new http.Agent({ keepAlive: true });
    const url = new URL(`${origin}/email`);
    return (message) =>
      new Promise((resolve, reject) => {
        const data = body(message);
        const request = http.request(
          url,
          {
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
          },
          (response) => {
            response.resume();
            response.on('end', resolve);
            response.on('error', reject);
          }
        );
        request.on('error', reject);
        request.end(data);
      });
  },
};
