/** Runs `npm start`'s script as a child process, as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './temp.ts';
import { freePort } from '../../src/server/ports.ts';

export interface PortalProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** The messages of its log lines (JSON, one object a line), in order. */
  messages: () => string[];
  /** Sends SIGINT and resolves with the exit code. */
  stop: () => Promise<number | null>;
}

export async function startPortalProcess(
  env: Record<string, string>,
  timeoutMs = 170_000,
): Promise<PortalProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'start.ts')], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      PORT: String(port),
      // Each portal would build its fallback edition beside the suite: only fallback.test.ts wants one.
      FALLBACK_SEARCH: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`portal did not start:\n${output}`));
    }, timeoutMs);
    const check = () => {
      const match = /ready at (http:\/\/[^\s"]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`portal exited with ${String(code)}:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    messages: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? ''),
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}
