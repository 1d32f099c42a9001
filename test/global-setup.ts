// Builds lib/ once before any test: the CLI, the loader and the demo tests use the built package,
// and a build per test file would race on lib/.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export default async function setup() {
  await promisify(execFile)('npm', ['run', 'build', '--silent'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
}
