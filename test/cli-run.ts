// Runs the built command as an admin runs it, and checks every run for what it must never print.
import { fileURLToPath } from 'node:url';

import { expect } from 'vitest';

import { runNode } from './helpers.js';

const cli = fileURLToPath(new URL('../lib/cli.js', import.meta.url));

/** Shorter values are not secrets, and would be found by chance (the redactor's rule, too). */
const secretMinimumLength = 4;
const tokenMinimumLength = 8;

/**
 * Everything in the arguments that no line may show: the authorization value and its credential,
 * each signing secret and its key, each header value, and the endpoint's credentials, path and query.
 */
export const secretsInArgs = (args: string[]): string[] => {
  const secrets: string[] = [];
  for (const [index, arg] of args.entries()) {
    const value = args[index + 1];
    if (value === undefined) {
      continue;
    }
    if (arg === '--authorization') {
      secrets.push(value, value.replace(/^\S+\s+/, ''));
    } else if (arg === '--signing-secret') {
      secrets.push(value, value.replace(/^(whsec|whsk)_/, ''));
    } else if (arg === '--header') {
      secrets.push(value.slice(value.indexOf(':') + 1).trim());
    } else if (arg === '--endpoint' && URL.canParse(value)) {
      const { username, password, pathname, search } = new URL(value);
      secrets.push(username, password);
      // The whole path and query, and each part long enough to be a token: a word such as `hook`
      // also occurs in `webhook-id`.
      const parts = [...pathname.split('/'), ...search.slice(1).split(/[&=]/)];
      secrets.push(pathname, search, ...parts.filter((part) => part.length >= tokenMinimumLength));
    }
  }
  return secrets.filter((secret) => secret.length >= secretMinimumLength);
};

/** Runs lib/cli.js and asserts that nothing secret of its arguments reached stdout or stderr. */
export const runCli = async (args: string[]) => {
  const run = await runNode([cli, ...args]);
  const printed = `${run.stdout}${run.stderr}`;
  for (const secret of secretsInArgs(args)) {
    expect(printed, `the output shows ${JSON.stringify(secret)}`).not.toContain(secret);
  }
  return run;
};
