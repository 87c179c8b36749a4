/** Facts about the machine's processes that several subsystems need. */
import { readFileSync } from 'node:fs';

/** True when `pid` is a running process (a zombie has exited already). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}
