/** A command of `scripts/` run as a person runs it: its exit code and what it printed. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './temp.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scripts/<script>` with `args`, only PATH and `env` in its environment,
 * and `input` on its stdin (a password); never throws on an exit code.
 */
export function runCli(
  script: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  input?: string,
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', script), ...args],
      { cwd: REPO_ROOT, env: { PATH: process.env['PATH'], ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}
