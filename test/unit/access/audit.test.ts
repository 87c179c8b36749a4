import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuditTrail,
  AuditUnavailableError,
  auditFiles,
  verifyAudit,
} from '../../../src/access/audit.ts';
import { tempDir } from '../../helpers/temp.ts';

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

async function writeTrail(count: number) {
  const trail = new AuditTrail(dir);
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      trail.record({
        event: 'view',
        user: `user${String(i)}`,
        document: `doc-${String(i)}`,
        classification: 'secret',
        outcome: 'allowed',
      }),
    ),
  );
  return trail;
}

const lines = async () => (await fs.readFile(auditFiles(dir).log, 'utf8')).split('\n');

describe('audit trail', () => {
  it('chains records in order and verifies', async () => {
    await writeTrail(5);
    const records = (await lines())
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { seq: number; prev: string; hash: string });
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records[1]?.prev).toBe(records[0]?.hash);
    expect(await verifyAudit(dir)).toEqual({ lines: 5, problems: [] });
  });

  it('continues the chain in a new process (a new trail object)', async () => {
    await writeTrail(2);
    await new AuditTrail(dir).record({ event: 'logout', user: 'x', outcome: 'success' });
    expect(await verifyAudit(dir)).toEqual({ lines: 3, problems: [] });
  });

  it('keeps one chain when several processes append at once', async () => {
    const servers = [new AuditTrail(dir), new AuditTrail(dir), new AuditTrail(dir)];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        servers[i % 3]!.record({ event: 'login', user: `u${String(i)}`, outcome: 'success' }),
      ),
    );
    expect(await verifyAudit(dir)).toEqual({ lines: 30, problems: [] });
  });

  it('detects a changed line', async () => {
    await writeTrail(4);
    const all = await lines();
    all[1] = all[1]!.replace('"user1"', '"someone else"');
    await fs.writeFile(auditFiles(dir).log, all.join('\n'));
    const report = await verifyAudit(dir);
    expect(report.problems).toEqual([{ line: 2, reason: 'its content was changed' }]);
  });

  it('detects a removed line in the middle', async () => {
    await writeTrail(4);
    const all = await lines();
    all.splice(1, 1);
    await fs.writeFile(auditFiles(dir).log, all.join('\n'));
    const reasons = (await verifyAudit(dir)).problems.map((p) => p.reason);
    expect(reasons).toContain('does not chain to the line before it');
    expect(reasons.some((r) => r.includes('a line was removed'))).toBe(true);
  });

  it('detects lines cut off the end, and refuses to write after them', async () => {
    await writeTrail(4);
    const all = (await lines()).filter(Boolean);
    await fs.writeFile(auditFiles(dir).log, `${all.slice(0, 3).join('\n')}\n`);
    const report = await verifyAudit(dir);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]?.reason).toMatch(/lines at the end were removed/);
    await expect(
      new AuditTrail(dir).record({ event: 'login', user: 'x', outcome: 'success' }),
    ).rejects.toThrow(AuditUnavailableError);
  });

  it('completes an append that a killed process left without its head, and nothing else', async () => {
    await writeTrail(3);
    const headBefore = await fs.readFile(auditFiles(dir).head, 'utf8');
    // As after a kill -9 between writing the line and moving the head: the line is whole.
    await new AuditTrail(dir).record({ event: 'login', user: 'late', outcome: 'success' });
    await fs.writeFile(auditFiles(dir).head, headBefore);
    expect(await verifyAudit(dir)).toEqual({ lines: 4, problems: [] });
    await new AuditTrail(dir).record({ event: 'logout', user: 'late', outcome: 'success' });
    expect(await verifyAudit(dir)).toEqual({ lines: 5, problems: [] });
    // A line that does not chain to the head is not completed: it is reported and refused.
    const all = (await lines()).filter(Boolean);
    const forged = JSON.parse(all[4] ?? '{}') as { seq: number; user: string };
    forged.seq = 6;
    await fs.appendFile(auditFiles(dir).log, `${JSON.stringify(forged)}\n`);
    expect((await verifyAudit(dir)).problems.length).toBeGreaterThan(0);
    await expect(
      new AuditTrail(dir).record({ event: 'login', user: 'x', outcome: 'success' }),
    ).rejects.toThrow(AuditUnavailableError);
  });

  it('fails with AuditUnavailableError when the log cannot be written', async () => {
    const blocked = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocked, '');
    await expect(
      new AuditTrail(blocked).record({ event: 'view', document: 'd', outcome: 'allowed' }),
    ).rejects.toThrow(AuditUnavailableError);
  });
});
