// What the HTTP benchmarks share: the server in its own process as `npm start` runs it, CPU
// read from /proc, a closed loop (N clients, each sending its next request when the last is
// answered) and an open loop (requests at a fixed rate whatever the answers).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
export const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

/** CPU time (ms, user + system) a process has used so far; 0 once it is gone. */
export function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return 0;
  }
}

export interface Server {
  url: string;
  process: ChildProcess;
  stop(): void;
}

/** Starts `src/main.ts` with `env` on `port` and waits until it answers. */
export async function startServer(port: number, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, NODE_ENV: 'production', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // The server logs a line per request at info, as in production: only warnings and errors are shown here.
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (!line.includes('"level":"info"') && !line.includes('"level":"debug"')) process.stderr.write(`${line}\n`);
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let attempt = 0; ; attempt += 1) {
    if (
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: TYPENAME[0] }).then(
        () => true,
        () => false,
      )
    )
      break;
    if (attempt > 150 || child.exitCode !== null) throw new Error(`The server did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, process: child, stop: () => child.kill('SIGTERM') };
}

export const TYPENAME = [JSON.stringify({ query: '{ __typename }' })];

/** Where and how requests are sent, and what CPU counters are read around a round. */
export interface Load {
  url: string;
  headers: Record<string, string>;
  concurrency: number;
  /**
   * CPU counters (ms so far) by name, e.g. { server, 'postgres:4242', 'postgres:4243' }: a
   * round reports per request the difference of each counter, summed by the name before ":"
   * (a counter first seen after the round began counts from 0).
   */
  cpu(): Promise<Record<string, number>>;
}

/** Sends one request; true when it was answered without errors and its result is not a typed error. */
export async function send(load: Load, body: string): Promise<boolean> {
  const response = await fetch(load.url, { method: 'POST', headers: load.headers, body });
  const json = (await response.json()) as { errors?: unknown; data?: Record<string, { __typename?: string } | null> };
  const result = Object.values(json.data ?? {})[0];
  return response.ok && !json.errors && !result?.__typename?.match(/Error$/);
}

export interface Round {
  rps: number;
  /** CPU per request (ms) for each counter of Load.cpu. */
  cpuMs: Record<string, number>;
  failures: number;
}

/** Sends every body once, `load.concurrency` at a time; returns how many were answered without errors (a request that throws counts as not answered). */
export async function sendEach(load: Load, bodies: string[]): Promise<number> {
  let next = 0;
  let answered = 0;
  await Promise.all(
    Array.from({ length: load.concurrency }, async () => {
      while (next < bodies.length) if (await send(load, bodies[next++] as string).catch(() => false)) answered += 1;
    }),
  );
  return answered;
}

/** Closed loop: `concurrency` clients, each sending its next request when the last is answered. */
export async function closedLoop(load: Load, bodies: string[], seconds: number): Promise<Round> {
  const before = await load.cpu();
  let next = 0;
  let done = 0;
  let failures = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: load.concurrency }, async () => {
      while (performance.now() < until) {
        if (!(await send(load, bodies[next++ % bodies.length] as string))) failures += 1;
        done += 1;
      }
    }),
  );
  const after = await load.cpu();
  const cpuMs: Record<string, number> = {};
  for (const [counter, ms] of Object.entries(after)) {
    const name = counter.split(':')[0] as string;
    cpuMs[name] = (cpuMs[name] ?? 0) + (ms - (before[counter] ?? 0)) / done;
  }
  return { rps: done / seconds, cpuMs, failures };
}

/** Open loop: requests sent at a fixed rate whatever the answers; latency counted from when each was due. */
export async function openLoop(load: Load, bodies: string[], rate: number, seconds: number) {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.floor(rate * seconds);
  for (let index = 0; index < total; index += 1) {
    const due = start + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(load, bodies[index % bodies.length] as string).then(() => void latencies.push(performance.now() - due)));
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] as number;
  return { rate, p50: at(0.5), p99: at(0.99) };
}

/** What the answers look like: promotions applied and response size, medians over the first 40 bodies. */
export async function answerShape(load: Load, bodies: string[]) {
  const applied: number[] = [];
  const bytes: number[] = [];
  for (const body of bodies.slice(0, 40)) {
    const text = await (await fetch(load.url, { method: 'POST', headers: load.headers, body })).text();
    bytes.push(text.length);
    applied.push(
      (JSON.parse(text) as { data?: { eligiblePromotions?: { data?: { promotions?: unknown[] } } } }).data?.eligiblePromotions?.data?.promotions?.length ?? 0,
    );
  }
  return { applied: median(applied), bytes: median(bytes) };
}

export interface ModeResult {
  ratio: number;
  ratios: number[];
  rps: number;
  cpuMs: Record<string, number>;
  baseCpuMs: Record<string, number>;
  open: Awaited<ReturnType<typeof openLoop>>;
  failures: number;
}

/**
 * One mode: warm up, then `rounds` alternating closed-loop rounds of { __typename } and the
 * bodies (the ratio is their median), then an open loop at half the closed-loop throughput.
 */
export async function measureMode(load: Load, bodies: string[], rounds: number, seconds: number): Promise<ModeResult> {
  await closedLoop(load, TYPENAME, 2);
  await closedLoop(load, bodies, 4);
  const bases: Round[] = [];
  const runs: Round[] = [];
  for (let round = 0; round < rounds; round += 1) {
    bases.push(await closedLoop(load, TYPENAME, seconds));
    runs.push(await closedLoop(load, bodies, seconds));
  }
  const ratios = runs.map((run, index) => run.rps / (bases[index] as Round).rps);
  const rps = median(runs.map((run) => run.rps));
  const medianCpu = (of: Round[]) => Object.fromEntries(Object.keys(of[0]?.cpuMs ?? {}).map((name) => [name, median(of.map((run) => run.cpuMs[name] ?? 0))]));
  return {
    ratio: median(ratios),
    ratios,
    rps,
    cpuMs: medianCpu(runs),
    baseCpuMs: medianCpu(bases),
    open: await openLoop(load, bodies, Math.max(1, Math.round(rps / 2)), seconds),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
}

/** The lines a mode prints. */
export function describeMode(name: string, label: string, shape: { applied: number; bytes: number }, result: ModeResult): string {
  const cpu = (of: Record<string, number>) =>
    Object.entries(of)
      .map(([counter, ms]) => `${counter} ${ms.toFixed(2)} ms`)
      .join(', ');
  return [
    `\n${name}: ${label}; a cart gets ${shape.applied} promotions, ${(shape.bytes / 1024).toFixed(1)} kB of JSON (medians)`,
    `  closed loop: ${result.rps.toFixed(0)} req/s, ${(result.ratio * 100).toFixed(1)}% of { __typename } (rounds: ${result.ratios.map((ratio) => `${(ratio * 100).toFixed(1)}%`).join(', ')})`,
    `  CPU per request: ${cpu(result.cpuMs)} ({ __typename }: ${cpu(result.baseCpuMs)})`,
    `  open loop at ${result.open.rate} req/s: p50 ${result.open.p50.toFixed(1)} ms, p99 ${result.open.p99.toFixed(1)} ms${result.failures ? `; ${result.failures} failures` : ''}`,
  ].join('\n');
}
