/**
 * The audit trail in a real Redis: servers that share it append to one chain
 * (here three trails, as three servers would, appending at once), and the
 * chain detects a changed or removed record as the files do; a trail exported
 * to files and imported again verifies the same.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail, auditChain, verifyAudit } from '../../src/access/audit.ts';
import { RedisChain } from '../../src/access/audit-redis.ts';
import { FileChain } from '../../src/access/audit-file.ts';
import { closeSharedRedis } from '../../src/access/redis.ts';
import { startTestRedis, type TestRedis } from '../helpers/redis.ts';
import { tempDir } from '../helpers/temp.ts';

let redis: TestRedis;
let raw: Redis;
let work: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  redis = await startTestRedis();
  raw = new Redis(redis.url);
  work = await tempDir('vankho-audit-redis-');
});
afterAll(async () => {
  raw.disconnect();
  await closeSharedRedis();
  await redis.close();
  await work.cleanup();
});

const configFor = (indexPrefix: string) => ({
  dataDir: work.dir,
  redisUrl: redis.url,
  indexPrefix,
});

describe('the audit trail in Redis', () => {
  it('is one chain for every server that appends to it, and verifies', async () => {
    const servers = [1, 2, 3].map(() => new AuditTrail(auditChain(configFor('three'))));
    await Promise.all(
      servers.flatMap((trail, server) =>
        Array.from({ length: 10 }, (_, i) =>
          trail.record({
            event: 'view',
            user: `server${String(server)}`,
            document: `doc-${String(i)}`,
            outcome: 'allowed',
          }),
        ),
      ),
    );
    const chain = auditChain(configFor('three'));
    expect(chain).toBeInstanceOf(RedisChain);
    expect(await verifyAudit(chain)).toEqual({ lines: 30, problems: [] });
    // Nothing went to the files of DATA_DIR.
    expect(await fs.stat(path.join(work.dir, 'audit.log')).catch(() => undefined)).toBeUndefined();
  });

  it('detects a changed record and records cut off the end', async () => {
    const trail = new AuditTrail(auditChain(configFor('tamper')));
    for (const user of ['a', 'b', 'c', 'd'])
      await trail.record({ event: 'login', user, outcome: 'success' });
    const second = JSON.parse((await raw.lindex('tamper:audit:log', 1)) ?? '{}') as object;
    await raw.lset('tamper:audit:log', 1, JSON.stringify({ ...second, user: 'mallory' }));
    expect((await verifyAudit(auditChain(configFor('tamper')))).problems).toEqual([
      { line: 2, reason: 'its content was changed' },
    ]);
    await raw.rpop('tamper:audit:log');
    const cut = await verifyAudit(auditChain(configFor('tamper')));
    expect(cut.problems.map((p) => p.reason)).toContain(
      'the head records line 4: lines at the end were removed or changed',
    );
  });

  it('goes to files and back: a backup of it, imported into an empty Redis, verifies', async () => {
    const source = auditChain(configFor('export'));
    const trail = new AuditTrail(source);
    for (let i = 0; i < 2_500; i++)
      await trail.record({ event: 'view', document: `d${String(i)}`, outcome: 'allowed' });
    const dir = path.join(work.dir, 'exported');
    await fs.mkdir(dir);
    expect(await source.exportTo(dir)).toMatchObject({ seq: 2_500 });
    expect(await verifyAudit(dir)).toEqual({ lines: 2_500, problems: [] });

    const files = new FileChain(dir);
    const { lines, head } = await files.read();
    const target = auditChain(configFor('imported'));
    if (!(target instanceof RedisChain)) throw new Error('expected the trail in Redis');
    expect(await target.importFrom(lines, await head())).toBe(2_500);
    expect(await verifyAudit(target)).toEqual({ lines: 2_500, problems: [] });
    // It continues where the backup ended, and never overwrites a trail.
    await new AuditTrail(target).record({ event: 'logout', user: 'x', outcome: 'success' });
    expect(await verifyAudit(target)).toEqual({ lines: 2_501, problems: [] });
    const again = await files.read();
    await expect(target.importFrom(again.lines, await again.head())).rejects.toThrow(
      /already holds an audit trail/,
    );
  });
});
