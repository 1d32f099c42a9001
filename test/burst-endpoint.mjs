// An endpoint in its own process, as a real email service is: it answers 503 to a fifth of first
// attempts, 202 to everything else, counts what it accepted per webhook-id and recipient, and
// reports the counts on GET /counts. Prints its port when it listens.
import http from 'node:http';

const seen = new Set();
const accepted = new Map();
const recipients = new Map();
let requests = 0;

const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);

const server = http.createServer((request, response) => {
  if (request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        requests,
        accepted: Object.fromEntries(accepted),
        recipients: Object.fromEntries(recipients),
      })
    );
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    requests += 1;
    const id = String(request.headers['webhook-id']);
    const first = !seen.has(id);
    seen.add(id);
    if (first && Math.random() < 0.2) {
      response.writeHead(503).end();
      return;
    }
    count(accepted, id);
    count(recipients, JSON.parse(Buffer.concat(chunks).toString()).to);
    response.writeHead(202).end();
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
