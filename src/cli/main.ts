#!/usr/bin/env node
// logto-http-email: test an endpoint before configuring Logto, with the connector's own code.
// Dispatches to one command and turns what went wrong into an exit status: 0 success, 1 a failed
// send or check, 2 bad usage or an invalid configuration.
import { version } from '../../package.json';

import { check, checkHelp } from './check.js';
import { SettingError, UsageError } from './options.js';
import { secret, secretHelp } from './secret.js';
import { send, sendHelp } from './send.js';

const commands: Record<string, { run: (args: string[]) => Promise<number> | number; help: string }> = {
  send: { run: send, help: sendHelp },
  check: { run: check, help: checkHelp },
  secret: { run: secret, help: secretHelp },
};

const help = `Usage:
  logto-http-email send --endpoint <url> --to <address> [options]     send one email, as Logto would
  logto-http-email check --endpoint <url> --signing-secret <whsec|whsk> --to <address> [options]
                                                                      audit the endpoint's security
  logto-http-email secret [--asymmetric]                              print a new signing secret (or key pair)
  logto-http-email <command> --help                                   one command's help
  logto-http-email --version                                          print the version
Nothing printed holds a secret (authorization, signing secret, header values) or the endpoint's
path or query: only its origin.

${sendHelp}

${checkHelp}

${secretHelp}

Exit status: 0 success, 1 a failed send or check, 2 bad usage or an invalid configuration.`;

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h' || arg === 'help';
const isVersion = (arg: string | undefined) => arg === '--version' || arg === '-v';

const main = async (args: string[]): Promise<number> => {
  const [name, ...rest] = args;
  try {
    if (name === undefined || isHelp(name)) {
      console.log(help);
      return name === undefined ? 2 : 0;
    }
    if (isVersion(name)) {
      console.log(version);
      return 0;
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) {
      // Never quoted: a stray argument may be a secret pasted one place too far.
      throw new UsageError(`unknown command; the commands are ${Object.keys(commands).join(', ')}`);
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(command.help);
      return 0;
    }
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      const usage = error instanceof SettingError ? '' : '\nRun "logto-http-email --help" for usage.';
      console.error(`logto-http-email: ${error.message}${usage}`);
      return 2;
    }
    throw error;
  }
};

process.exitCode = await main(process.argv.slice(2));
