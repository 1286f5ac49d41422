// Overhead of the API's per-request operations middleware (X-Request-Id + request timer by route) on a trivial
// handler: sequential keep-alive GETs against two servers in the same process, ours (the middleware of
// apps/api/dist/infra, then the handler) and the raw handler, runs interleaved. Usage: pnpm bench:metrics-overhead
import { createServer, request, Agent } from 'node:http';
import { ApiMetrics } from '../apps/api/dist/infra/metrics.js';
import { assignRequestId } from '../apps/api/dist/infra/request-id.js';
import { median, RUNS } from './lib/harness.mjs';

const REQUESTS = Number(process.env.BENCH_METRICS_REQUESTS ?? 3000);
const handler = (_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"ok":true}');
};
const metrics = new ApiMetrics();
const ours = createServer((req, res) =>
  assignRequestId(req, res, () => metrics.middleware(req, res, () => handler(req, res))),
);
const raw = createServer(handler);
const listen = (s) => new Promise((r) => s.listen(0, '127.0.0.1', () => r(s.address().port)));
const [oursPort, rawPort] = [await listen(ours), await listen(raw)];
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

const get = (port) =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/ping', agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
async function run(port) {
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) await get(port);
  return ((performance.now() - t0) * 1000) / REQUESTS; // µs per request
}

await run(oursPort); // warm-up
await run(rawPort);
const o = [];
const b = [];
for (let i = 0; i < RUNS; i++) {
  o.push(await run(oursPort));
  b.push(await run(rawPort));
}
ours.close();
raw.close();
agent.destroy();
const fmt = (xs) => xs.map((x) => x.toFixed(1)).join(', ');
console.log(
  `\nAPI operations middleware overhead, ${REQUESTS} sequential keep-alive GETs × ${RUNS} runs (µs/request)`,
);
console.log(`  ours (request id + timer) median ${median(o).toFixed(1)} (runs: ${fmt(o)})`);
console.log(`  raw handler              median ${median(b).toFixed(1)} (runs: ${fmt(b)})`);
console.log(
  `  ratio ${(median(o) / median(b)).toFixed(3)}, difference ${(median(o) - median(b)).toFixed(1)} µs/request`,
);

// In-process cost of the same middleware on fake requests (no sockets), for a figure the network noise cannot hide.
const { EventEmitter } = await import('node:events');
const CALLS = 200_000;
function inProcess(withOps) {
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const req = {
      method: 'GET',
      headers: { 'x-request-id': 'bench-1' },
      baseUrl: '',
      route: { path: '/ping' },
    };
    const res = Object.assign(new EventEmitter(), { statusCode: 200, setHeader() {} });
    if (withOps) assignRequestId(req, res, () => metrics.middleware(req, res, () => undefined));
    res.emit('close');
  }
  return ((performance.now() - t0) * 1000) / CALLS;
}
inProcess(true);
inProcess(false);
const io = [];
const ib = [];
for (let i = 0; i < RUNS; i++) {
  io.push(inProcess(true));
  ib.push(inProcess(false));
}
console.log(
  `  in process, ${CALLS} fake requests × ${RUNS}: ours ${median(io).toFixed(2)} µs, bare ${median(ib).toFixed(2)} µs → middleware ${(median(io) - median(ib)).toFixed(2)} µs/request`,
);
const count = (await metrics.registry.getSingleMetric('pm_http_request_duration_seconds').get()).values.find(
  (v) => v.metricName === 'pm_http_request_duration_seconds_count',
);
console.log(`  (recorded ${count?.value} requests under route "${count?.labels.route}")`);
