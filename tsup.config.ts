import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'lib',
  sourcemap: true,
  clean: true,
  dts: true,
  // Keep `node:` specifiers as written: the package imports nothing but node: built-ins and its
  // three dependencies.
  removeNodeProtocol: false,
  // Runtime dependencies stay external: Logto resolves them from its own node_modules, and a
  // bundled connector-kit would break `instanceof ConnectorError` in the host.
});
