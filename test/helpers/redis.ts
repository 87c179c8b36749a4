/**
 * A real Redis for tests (Debian's redis-server), on a free port of its own.
 * By default it keeps nothing on disk (`--save ''`); `persist` keeps an
 * append-only file, so that a restart finds the data again, as in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../../src/server/ports.ts';
import { tempDir } from './temp.ts';

export interface TestRedis {
  url: string;
  /** Stops the server (SIGTERM: it writes its append-only file first). */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder. */
  start(): Promise<void>;
  close(): Promise<void>;
}

async function waitForPing(url: string, output: () => string, deadline: number): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined); // each attempt's failure is handled below
  try {
    for (;;) {
      try {
        await client.connect();
        await client.ping();
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`redis-server did not answer at ${url}:\n${output()}`, { cause: error });
        }
        client.disconnect();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.disconnect();
  }
}

export async function startTestRedis({ persist = false } = {}): Promise<TestRedis> {
  const dir = await tempDir('vankho-redis-');
  const port = await freePort();
  const url = `redis://127.0.0.1:${String(port)}`;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir.dir,
    '--save',
    '',
    ...(persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ];
  let child: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    output = '';
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child = started;
    await waitForPing(url, () => output, Date.now() + 10_000);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url,
    start,
    stop,
    close: async () => {
      await stop();
      await dir.cleanup();
    },
  };
}
