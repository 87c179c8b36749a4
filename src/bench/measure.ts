/** Timing, percentiles and the memory of child processes, for the benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

export function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50), 2),
    p95: round(percentile(sorted, 95), 2),
    p99: round(percentile(sorted, 99), 2),
  };
}

/** A value of /proc/<pid>/status in MB (VmHWM: peak resident set, VmRSS: current). */
export async function procMemoryMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  const status = await fs.readFile(`/proc/${String(pid)}/status`, 'utf8').catch(() => '');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return round(kb / 1024);
}

/** The process and all its descendants (Pagefind runs as a child of the exporter). */
async function processTree(pid: number): Promise<number[]> {
  const tasks = await fs.readdir(`/proc/${String(pid)}/task`).catch(() => []);
  const children = await Promise.all(
    tasks.map((task) =>
      fs.readFile(`/proc/${String(pid)}/task/${task}/children`, 'utf8').catch(() => ''),
    ),
  );
  const direct = children.join(' ').split(/\s+/).filter(Boolean).map(Number);
  const below = await Promise.all(direct.map(processTree));
  return [pid, ...below.flat()];
}

/** Resident memory of a process and its descendants together, in MB. */
export async function treeMemoryMb(pid: number): Promise<number> {
  const sizes = await Promise.all((await processTree(pid)).map((p) => procMemoryMb(p, 'VmRSS')));
  return round(sizes.reduce((sum, size) => sum + size, 0));
}

export interface ChildRun {
  code: number | null;
  seconds: number;
  /** Peak resident memory of the process and its children together. */
  peakRssMb: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, sampling its peak memory while it runs. */
export async function runChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The peak of the whole tree, sampled: a child's own peak (VmHWM) misses its children.
  // Once a second: sampled every 100 ms, the walk of /proc took a quarter of a core from
  // the run it measured (300k ingest, 2026-11-29).
  let peak = 0;
  const sample = setInterval(() => {
    if (child.pid !== undefined)
      void Promise.all([procMemoryMb(child.pid, 'VmHWM'), treeMemoryMb(child.pid)]).then(
        ([own, tree]) => (peak = Math.max(peak, own, tree)),
      );
  }, 1000);
  const code = await exited(child);
  clearInterval(sample);
  return {
    code,
    seconds: round((performance.now() - started) / 1000, 2),
    peakRssMb: peak,
    stdout,
    stderr,
  };
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );
}

/** Runs `count` calls with `concurrency` callers; returns calls per second. */
export async function throughput(
  count: number,
  concurrency: number,
  call: (index: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await call(next++);
    }),
  );
  return round(count / ((performance.now() - started) / 1000), 0);
}

/** Disk used by a folder and everything below it, in MB (allocated blocks, as `du` counts). */
export async function diskMb(dir: string): Promise<number> {
  let bytes = 0;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    const entries = await fs.readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const file = `${current}/${entry.name}`;
      if (entry.isDirectory()) pending.push(file);
      else bytes += ((await fs.lstat(file).catch(() => undefined))?.blocks ?? 0) * 512;
    }
  }
  return round(bytes / 1024 / 1024, 0);
}
