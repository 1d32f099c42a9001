import { defineConfig } from 'vitest/config';

/** Loads every core of the machine on purpose: it runs alone, once every other file has run. */
const busyMachine = 'test/busy-machine.test.ts';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    // The loader test installs a Logto host's dependencies from npm before it runs.
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
          exclude: [busyMachine],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'busy machine', include: [busyMachine], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
