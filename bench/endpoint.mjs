// The benchmark's endpoint, in a process of its own so that its work is not counted against the
// clients: reads each POST body and answers 204. Prints its port on stdout.
import http from 'node:http';

const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
// Ends with its parent: when the benchmark closes stdin (or dies), so does the endpoint.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
