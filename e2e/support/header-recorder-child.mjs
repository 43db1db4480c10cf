// Another local user's web server, for the browser-mode attack tests: `node
// header-recorder-child.mjs --toss PORT`. It prints `LISTENING <port>`, then one line
// `REQUEST <json>` per request with every header the browser sent it, and answers with cookies
// aimed at the PortLens server on PORT (cookies ignore ports: the browser keeps them for
// 127.0.0.1 and would send them there too): same-named token cookies on `/` and `/assets`, and
// a jar full of large ones. Exits on SIGTERM/SIGINT.
import { createServer } from 'node:http';
import process from 'node:process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { toss: { type: 'string', default: '0' } } });
const target = values.toss;
const tossed = [
  `portlens_token_${target}=tossed; Path=/assets`,
  `portlens_token_${target}=tossed; Path=/`,
  `portlens_token=tossed; Path=/`,
  // 60 cookies of ~4 KB: every request to 127.0.0.1 then carries ~240 KB of Cookie header.
  ...Array.from({ length: 60 }, (_, i) => `bulk${i}=${'x'.repeat(4000)}; Path=/`),
];
const server = createServer({ maxHeaderSize: 1024 * 1024 }, (request, response) => {
  process.stdout.write(`REQUEST ${JSON.stringify({ method: request.method, url: request.url, headers: request.rawHeaders })}\n`);
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': tossed });
  response.end('<!doctype html><title>another local app</title><p>another local app</p>\n');
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
