// Nanoseconds per event for the article's events through tcb-router: event bytes in, response bytes
// out (JSON.parse, the function, JSON.stringify), on one core, as the C# EndToEnd benchmark measures
// FunctionInvoker. Prints JSON; benchmarks/run.sh writes it next to BenchmarkDotNet's results.
//
//   node benchmarks/node/throughput.js [--short] [--out file.json]
//   node benchmarks/node/throughput.js --serve
//
// Every route is warmed up first (so the first one measured pays no more JIT than the last), then each
// is measured in rounds of a number of events calibrated to about 200 ms; the median round is
// reported, with every round for the spread.
//
// --serve: batches on request, for the paired rounds (benchmarks/Router.Benchmarks/Paired/NodeProcess.cs),
// which alternate a batch here with a batch of FunctionInvoker so that both see the same machine. It checks
// each route's first answer, warms every route up, writes `ready NODE_VERSION TCB_ROUTER_VERSION`, then reads one line per batch,
// `ROUTE COUNT`, runs COUNT events of ROUTE and writes the nanoseconds they took; end of input ends it.
const fs = require('fs');
const path = require('path');
const { main, reset } = require('./article.js');

const args = process.argv.slice(2);
const short = args.includes('--short');
const outIndex = args.indexOf('--out');
const outFile = outIndex >= 0 ? args[outIndex + 1] : null;
const ROUTES = ['user/register', 'user/login', 'pay/makeOrder', 'pay/pay'];
const WARMUP_MS = short ? 1000 : 3000;
const ROUNDS = short ? 7 : 21;
const ROUND_MS = 200;

async function invoke(bytes) {
  const event = JSON.parse(bytes.toString('utf8'));
  const body = await main(event, { requestId: '' });
  return Buffer.from(JSON.stringify(body === undefined ? null : body), 'utf8');
}

async function run(bytes, count) {
  const started = process.hrtime.bigint();
  let last;
  for (let i = 0; i < count; i++) {
    last = await invoke(bytes);
  }
  const elapsed = Number(process.hrtime.bigint() - started);
  if (last.length === 0) throw new Error('empty answer');
  return elapsed;
}

function eventOf(route) {
  return fs.readFileSync(path.join(__dirname, '..', 'events', route.replace('/', '-') + '.json'));
}

// Runs the route until WARMUP_MS have passed; returns how many events take about ROUND_MS.
async function warmUp(bytes) {
  let count = 1000;
  const warmEnd = Date.now() + WARMUP_MS;
  while (Date.now() < warmEnd) {
    const ns = await run(bytes, count);
    count = Math.max(1000, Math.round(count * (ROUND_MS * 1e6) / ns));
  }
  return count;
}

async function measure(route, first) {
  const bytes = eventOf(route);
  const count = await warmUp(bytes);
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    rounds.push((await run(bytes, count)) / count);
  }
  const sorted = [...rounds].sort((a, b) => a - b);
  return { route, firstAnswer: first, eventsPerRound: count, medianNs: sorted[Math.floor(sorted.length / 2)], minNs: sorted[0], maxNs: sorted[sorted.length - 1], roundsNs: rounds };
}

// The first answer of each route, from a fresh order counter, to check against the C# side's.
async function firstAnswers() {
  const firsts = {};
  reset();
  for (const route of ROUTES) {
    const first = (await invoke(eventOf(route))).toString('utf8');
    if (!first.startsWith('{"code":0')) throw new Error(`${route} answered ${first}`);
    firsts[route] = first;
  }
  return firsts;
}

async function serve() {
  await firstAnswers();
  const events = Object.fromEntries(ROUTES.map((route) => [route, eventOf(route)]));
  // Every route warmed up before the first batch, as the rounds above are: the function serves all four,
  // so tcb-router's code is measured as V8 compiles it for all four, not for the one being measured.
  for (const route of ROUTES) {
    await warmUp(events[route]);
  }
  process.stdout.write(`ready ${process.version} ${require('tcb-router/package.json').version}\n`);
  const lines = require('readline').createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const [route, countText] = line.trim().split(/\s+/);
    const count = Number.parseInt(countText, 10);
    if (!events[route] || !(count > 0)) throw new Error(`expected "ROUTE COUNT" with a known route, got "${line}"`);
    process.stdout.write(`${await run(events[route], count)}\n`);
  }
}

(async () => {
  if (args.includes('--serve')) {
    await serve();
    return;
  }
  const firsts = await firstAnswers();
  for (const route of ROUTES) {
    await warmUp(eventOf(route));
  }
  const results = [];
  for (const route of ROUTES) {
    results.push(await measure(route, firsts[route]));
  }
  const tcbRouter = require('tcb-router/package.json').version;
  const report = { node: process.version, tcbRouter, short, rounds: ROUNDS, routes: results };
  const text = JSON.stringify(report, null, 2) + '\n';
  if (outFile) fs.writeFileSync(outFile, text); else process.stdout.write(text);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
