import { defineConfig } from 'tsup';

export default defineConfig({
  // The connector Logto loads, and the command-line tool for testing an endpoint.
  // Named entries: the command stays lib/cli.js, the package's `bin`, whatever its source is called.
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node22',
  outDir: 'lib',
  // Maps without the sources in them: a stack trace still maps to src/ lines (with Node's
  // --enable-source-maps), at a fifth of the size. docs/developing.md says why.
  sourcemap: true,
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  // lib/index.js stays one self-contained file: it is what Logto imports.
  splitting: false,
  clean: true,
  dts: { entry: 'src/index.ts' },
  // Keep `node:` specifiers as written: the package imports nothing but node: built-ins and its
  // three dependencies.
  removeNodeProtocol: false,
  // Runtime dependencies stay external: Logto resolves them from its own node_modules, and a
  // bundled connector-kit would break `instanceof ConnectorError` in the host.
});
