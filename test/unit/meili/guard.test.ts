import { afterEach, describe, expect, it } from 'vitest';
import { guard, limitEngineCalls, SearchUnavailableError } from '../../../src/meili/guard.ts';

/** A call that runs until it is let go, counting how many such calls run at once. */
function gate() {
  let running = 0;
  let most = 0;
  const releases: (() => void)[] = [];
  const call = () => {
    running++;
    most = Math.max(most, running);
    return new Promise<string>((resolve) => {
      releases.push(() => {
        running--;
        resolve('answered');
      });
    });
  };
  const releaseAll = async () => {
    // Each release lets a waiting call start, which adds its own release.
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { call, releaseAll, most: () => most, running: () => running };
}

afterEach(() => {
  limitEngineCalls(8);
});

describe('calls to the engine', () => {
  it('run a few at a time; the rest wait their turn and are all answered', async () => {
    limitEngineCalls(3, 100);
    const { call, releaseAll, most, running } = gate();
    const answers = Promise.all(Array.from({ length: 20 }, () => guard(call)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(running()).toBe(3);
    await releaseAll();
    expect(await answers).toEqual(Array.from({ length: 20 }, () => 'answered'));
    expect(most()).toBe(3);
  });

  it('fail at once, as unavailable, when too many are waiting already', async () => {
    limitEngineCalls(2, 5);
    const { call, releaseAll } = gate();
    const accepted = Array.from({ length: 7 }, () => guard(call));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(guard(call)).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(guard(call)).rejects.toThrow(/busy: 5 searches are waiting/);
    await releaseAll();
    expect(await Promise.all(accepted)).toHaveLength(7);
    // Once the line is short again, calls are taken.
    const later = guard(call);
    await new Promise((resolve) => setImmediate(resolve));
    await releaseAll();
    expect(await later).toBe('answered');
  });
});
