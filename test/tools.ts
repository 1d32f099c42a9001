// Tools beyond Node that some tests need. On a machine without one, those tests are skipped with
// one line saying what is missing and how to get it, so that `npm test` passes with nothing but
// Node. A run that sets HTTP_EMAIL_TEST_REQUIRE_TOOLS=1 (CI does) fails instead: there every test
// must really run.
import { spawnSync } from 'node:child_process';

export const requireToolsVariable = 'HTTP_EMAIL_TEST_REQUIRE_TOOLS';

type Tool = {
  /** What is missing, in a few words. */
  name: string;
  /** A command that exits 0 when the tool is there. */
  probe: [string, string[]];
  /** How to get it. */
  install: string;
};

export const redisServer: Tool = {
  name: 'redis-server',
  probe: ['redis-server', ['--version']],
  install: 'apt-get install redis-server, or brew install redis',
};

/** python3, able to import `modules`: packages beyond the standard library, Debian's python3-<module>. */
export const python3With = (modules: string[]): Tool => ({
  name: modules.length > 0 ? `python3 with ${modules.join(', ')}` : 'python3',
  probe: ['python3', ['-c', ['import sys', ...modules.map((module) => `import ${module}`)].join('\n')]],
  install: `apt-get install ${['python3', ...modules.map((module) => `python3-${module}`)].join(' ')}`,
});

/**
 * Whether `tool` is there for the tests of this file that `what` describes. When it is not: one
 * line on stderr and false, so that they are skipped; or, when the run requires every tool, an
 * error that fails the file.
 */
export const hasTool = (tool: Tool, what: string): boolean => {
  const [command, args] = tool.probe;
  const { status } = spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 });
  if (status === 0) {
    return true;
  }
  const missing = `${tool.name} is not installed (${tool.install})`;
  if (process.env[requireToolsVariable] === '1') {
    throw new Error(`${what}: ${missing}, and ${requireToolsVariable}=1 makes that a failure`);
  }
  // Straight to stderr: one line, not the block vitest makes of console output.
  process.stderr.write(`skipped: ${what}: ${missing}\n`);
  return false;
};
