// Measures a peer job system (BullMQ on Redis, pg-boss on PostgreSQL) on the same servers as JobPlatform, the same way
// the C# harness measures JobPlatform, and prints one JSON object. Run by JobPlatform.Bench; by hand:
//   REDIS_URL=redis://:pw@127.0.0.1:6379 node peer.mjs bullmq enqueue '{"count":1000,"outstanding":64}'
//   PG_URL=postgres://postgres:pw@127.0.0.1:5432/jobsdb node peer.mjs pgboss pickup '{"rate":200,"seconds":5}'
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import PgBoss from 'pg-boss';

const [system, phase, json] = process.argv.slice(2);
const args = JSON.parse(json ?? '{}');
const queueName = `bench-${phase}-${Date.now()}`;
const now = () => performance.timeOrigin + performance.now(); // ms since epoch, sub-ms resolution

// One adapter per system: add a job, and run a handler with a given concurrency.
async function bullmq() {
  const url = new URL(process.env.REDIS_URL);
  const connection = { host: url.hostname, port: Number(url.port), password: decodeURIComponent(url.password) || undefined };
  const queue = new Queue(queueName, { connection });
  const workers = [];
  return {
    add: (data) => queue.add('noop', data),
    work: async (concurrency, handler) => {
      workers.push(new Worker(queueName, (job) => handler(job.data), { connection, concurrency }));
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}

async function pgboss() {
  const boss = new PgBoss({ connectionString: process.env.PG_URL, schema: 'pgboss_bench', max: 20 });
  boss.on('error', (error) => console.error(error.message));
  await boss.start();
  await boss.createQueue(queueName);
  return {
    add: (data) => boss.send(queueName, data),
    // pg-boss 10 fetches a batch per work() registration, then waits out its polling interval (0.5 s at the
    // shortest) whether or not it found jobs: one job per fetch would cap 16 registrations at 32 jobs/s. So each of
    // the `concurrency` registrations takes batches of 8 and runs a batch's jobs side by side.
    work: async (concurrency, handler) => {
      for (let i = 0; i < concurrency; i++) {
        await boss.work(queueName, { batchSize: 8, pollingIntervalSeconds: 0.5 }, (jobs) => Promise.all(jobs.map((job) => handler(job.data))));
      }
    },
    // The queue and its jobs stay: the benchmark's database is temporary.
    close: () => boss.stop({ graceful: false, wait: true }),
  };
}

// Closed loop with a fixed number of adds in flight: how fast the system takes jobs.
async function addAll(peer, count, outstanding, data = () => ({})) {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      await peer.add(data());
    }
  };
  await Promise.all(Array.from({ length: outstanding }, lane));
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const phases = {
  async enqueue(peer) {
    const started = now();
    await addAll(peer, args.count, args.outstanding);
    const seconds = (now() - started) / 1000;
    return { jobs: args.count, seconds, jobs_per_second: args.count / seconds };
  },

  async e2e(peer) {
    let done = 0;
    let finished;
    const allDone = new Promise((resolve) => (finished = resolve));
    await peer.work(args.concurrency, async () => {
      if (++done === args.count) finished(now());
    });
    const started = now();
    await addAll(peer, args.count, args.outstanding);
    const ended = await allDone;
    const seconds = (ended - started) / 1000;
    return { jobs: args.count, seconds, jobs_per_second: args.count / seconds };
  },

  // Open loop at a constant rate; pickup = handler start minus the time the add was sent.
  async pickup(peer) {
    const pickups = [];
    await peer.work(args.concurrency, async (data) => {
      pickups.push(now() - data.sent);
    });
    const total = Math.round(args.rate * args.seconds);
    const start = now();
    const adds = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / args.rate;
      const wait = due - now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      adds.push(peer.add({ sent: now() }));
    }
    await Promise.all(adds);
    const deadline = now() + 30_000;
    while (pickups.length < total && now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const sorted = [...pickups].sort((a, b) => a - b);
    return { jobs: total, picked_up: sorted.length, p50_ms: percentile(sorted, 50), p99_ms: percentile(sorted, 99), max_ms: sorted.at(-1) ?? 0 };
  },
};

const peer = await { bullmq, pgboss }[system]();
try {
  const result = await phases[phase](peer);
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ ...result, cpu_seconds: (cpu.user + cpu.system) / 1e6, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
} finally {
  await peer.close();
}
process.exit(0);
