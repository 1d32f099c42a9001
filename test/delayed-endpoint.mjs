// An endpoint in its own process, so that a stall of the connector's event loop does not stall it:
// it answers every POST 200 after the delay given as its argument (ms), and reports on GET how many
// requests it received per webhook-id. Prints its port when it listens.
import http from 'node:http';

const delayMs = Number(process.argv[2]);
const received = {};

const server = http.createServer((request, response) => {
  if (request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
    return;
  }
  const id = String(request.headers['webhook-id']);
  received[id] = (received[id] ?? 0) + 1;
  request.resume();
  setTimeout(() => response.writeHead(200).end('sent'), delayMs);
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
