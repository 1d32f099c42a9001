// Prints how long importing one module takes, in milliseconds, in this fresh process.
import { pathToFileURL } from 'node:url';

const start = performance.now();
await import(pathToFileURL(process.argv[2]).href);
process.stdout.write(`${performance.now() - start}\n`);
