// `npm run demo`, run once as a newcomer runs it.
import { fileURLToPath } from 'node:url';

import { expect, it } from 'vitest';

import { runNode } from './helpers.js';

it('npm run demo exits 0 and shows both emails, with the code it sent', async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { code, stdout, stderr } = await runNode(['demo/run.mjs'], { cwd: root });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const sentCode = /sendMessage\(SignIn to ada@example\.com, code (\d{6})\)/.exec(stdout)?.[1];
  expect(sentCode).toBeDefined();
  expect(stdout).toContain(`Ihr Code für die Anmeldung bei Acme Portal lautet ${sentCode}.`);
  expect(stdout).toContain('Subject: Ihr Anmeldecode für Acme Portal');
  expect(stdout).toContain('Subject: You are invited to join Acme GmbH');
  expect(stdout.match(/signature verified, answered 200/g)).toHaveLength(2);
  expect(stdout).toContain('loaded "HTTP Email" (http-email), type Email');
  expect(stdout).toContain('2 emails delivered');
}, 60_000);
